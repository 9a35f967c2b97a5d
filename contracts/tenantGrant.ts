import { z } from 'zod';
import { CnpjSchema } from './fields';

/**
 * What a caller may do: `viewer` reads its companies' invoices and executions; `client` also
 * emits and cancels them; `admin` (a tenant's administrator) also manages its companies' records
 * and certificates; `ops` (platform staff, every company) also redrives, stops and reprocesses.
 */
export const ROLES = { Client: 'client', Viewer: 'viewer', Admin: 'admin', Ops: 'ops' } as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/**
 * An item of `TENANTS_TABLE` (PK `principal`): the token says who (`sub` for people, `client_id`
 * for machine clients); this says what they may do. Never taken from a token attribute.
 *
 * Ops is a platform role, all companies by definition: an `ops` grant must say
 * `allCompanies: true`, and no other role may. The ops API (redrive, stop, reprocess, the failures
 * queue) therefore checks the role alone, and a grant that would make a tenant's own staff ops
 * is refused here rather than trusted to be scoped by each action.
 */
export const TenantGrantSchema = z
  .strictObject({
    principal: z.string().min(1),
    cnpjs: z.array(CnpjSchema),
    role: RoleSchema,
    /** Every company: `true` exactly for ops; everyone else sees only `cnpjs`. @default false */
    allCompanies: z.boolean().optional(),
    updatedAt: z.string(),
  })
  .refine((grant) => (grant.role === ROLES.Ops) === (grant.allCompanies === true), {
    message: 'an ops grant is for all companies (allCompanies: true), and only an ops grant is',
    path: ['allCompanies'],
  });
export type TenantGrant = z.infer<typeof TenantGrantSchema>;

/** `GET /me`: who the API takes the caller for, and what their grant allows. */
export const CallerViewSchema = z.strictObject({
  principal: z.string(),
  role: RoleSchema,
  cnpjs: z.array(CnpjSchema),
  allCompanies: z.boolean(),
});
export type CallerView = z.infer<typeof CallerViewSchema>;
