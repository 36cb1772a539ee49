export {
  type ActionCallbackOf,
  type ActionTable,
  createHookRegistry,
  DEFAULT_PRIORITY,
  type FilterCallbackOf,
  type FilterTable,
  type HookName,
  type HookRegistry,
} from './registry.js';
