import { z } from '@hono/zod-openapi';
import { STAFF_ROLES } from './staff.schema.ts';
import { NewPassword } from './password.ts';

export const StaffLoginRequest = z
  .object({
    employeeCode: z.string().trim().min(1, 'Enter your employee number / 请输入工号').max(50),
    password: z.string().min(1, 'Enter your password / 请输入密码').max(200),
  })
  .openapi('StaffLoginRequest');

export const SessionInfo = z
  .object({
    user: z.object({
      id: z.uuid(),
      employeeCode: z.string(),
      displayName: z.string(),
      role: z.enum(STAFF_ROLES),
      branchId: z.string().nullable(),
      team: z.string().nullable(),
      permissions: z.array(z.string()),
    }),
    csrfToken: z.string().describe('Send as the x-csrf-token header on every POST/PUT/PATCH/DELETE'),
  })
  .openapi('StaffSession');

export const PasswordChangeRequest = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: NewPassword })
  .refine((r) => r.currentPassword !== r.newPassword, { message: 'The new password must differ / 新密码不能与旧密码相同', path: ['newPassword'] })
  .openapi('PasswordChangeRequest');

export const CreateStaffUserRequest = z
  .object({
    employeeCode: z.string().trim().regex(/^[A-Za-z0-9_-]{2,30}$/, 'Letters, digits, - or _, 2–30 characters / 只能包含字母、数字、- 或 _，长度 2–30 个字符'),
    displayName: z.string().trim().min(1).max(50),
    role: z.enum(STAFF_ROLES),
    branchId: z.string().trim().min(1, 'Leave empty (null) for head office / 总行请留空').max(20).nullable().describe('Null for head-office staff'),
    team: z.string().trim().max(50).nullable().optional(),
    email: z.email().nullable().optional(),
    initialPassword: NewPassword,
  })
  .openapi('CreateStaffUserRequest');

export const StaffUser = z
  .object({
    id: z.uuid(),
    employeeCode: z.string(),
    displayName: z.string(),
    role: z.enum(STAFF_ROLES),
    branchId: z.string().nullable(),
    team: z.string().nullable(),
    disabled: z.boolean(),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
  })
  .openapi('StaffUser');

export const UserIdParam = z.object({ userId: z.uuid().openapi({ param: { name: 'userId', in: 'path' } }) });
