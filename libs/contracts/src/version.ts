/**
 * Version of the message contracts in this library. Topic names carry it (`.v1`) and every
 * message states it, so a consumer can tell a message written for another contract apart.
 */
export const CONTRACT_VERSION = 1 as const;
export type ContractVersion = typeof CONTRACT_VERSION;
