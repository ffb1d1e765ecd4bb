// Which pages a person sees in the navigation (the server still decides what each list contains).
import type { SessionUser } from '../../../contract/auth.ts';

type U = Pick<SessionUser, 'roles' | 'poolKinds'>;

export const hasMyDay = (u: U) => u.poolKinds.includes('sales') || u.poolKinds.includes('sales_assistant');
export const isManagerial = (u: U) => u.roles.includes('manager') || u.roles.includes('director');
/** Whoever serves customers, markets or manages may relay a lead. */
export const canRelay = (u: U) => u.poolKinds.length > 0 || u.roles.some((r) => r !== 'agent');
/** Whoever may sell directly (some products at least) works a pipeline of deals. */
export const sells = (u: U) => u.poolKinds.some((k) => k === 'sales' || k === 'sales_assistant' || k === 'inbound' || k === 'telemarketing' || k === 'associate_seller');
/** The call console: for people who take or make calls for the network. */
export const takesCalls = (u: U) => u.poolKinds.some((k) => k === 'inbound' || k === 'telemarketing' || k === 'associate_seller' || k === 'back_office');
/** The case queues: for back-office agents, for whoever manages a unit (their units' cases), and for admins. */
export const worksCases = (u: U) => u.poolKinds.includes('back_office') || isManagerial(u) || u.roles.includes('admin');
/** Who may open a case on an account they read (the server decides): whoever talks to customers, and managers. */
export const opensCases = (u: U) =>
  u.poolKinds.some((k) => k === 'sales' || k === 'sales_assistant' || k === 'inbound' || k === 'telemarketing' || k === 'associate_seller' || k === 'back_office') || isManagerial(u);
