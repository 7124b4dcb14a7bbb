/** Injection token of the service's validated `ServiceConfig`. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
