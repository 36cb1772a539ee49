import { isIpLiteral, isWildcard } from '../domains/name.js';

/**
 * Why a normalized name cannot be verified (AutoSSL cannot cover it), or undefined when it can:
 * wildcards need DNS validation, and Let's Encrypt issues for domain names only.
 */
export const notVerifiableReason = (domain: string): string | undefined =>
  isWildcard(domain)
    ? `${domain} is a wildcard: AutoSSL issues certificates by HTTP validation, which cannot cover wildcards; install a certificate from a DNS-validated issuer instead`
    : isIpLiteral(domain)
      ? `${domain} is an IP address: AutoSSL (Let's Encrypt) issues certificates for domain names only`
      : undefined;
