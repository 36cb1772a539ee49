export { AUDIT_DEFAULTS, auditApp } from './audit.js';
export { doctorApp } from './doctor.js';
export { type Grade, type GradeInput, gradeDomain, worstStatus } from './grade.js';
export type {
  AuditApp,
  AuditCall,
  AuditIntegration,
  AuditOptions,
  AuditReport,
  AuditRow,
  AuditStatus,
  AuditSummary,
  DoctorCheck,
  DoctorCheckId,
  DoctorOptions,
  DoctorReport,
} from './types.js';
