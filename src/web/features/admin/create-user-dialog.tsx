import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { createStaffUser } from '../../api/client.ts';
import type { StaffRole, StaffUser } from '../../api/types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import type { MessageKey } from '../../i18n/dictionary.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldErrors } from '../../i18n/problem-message.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { bilingualRole, ROLE_OPTIONS } from './role-options.ts';

const FORM_FIELDS = ['employeeCode', 'displayName', 'role', 'branchId', 'team', 'initialPassword'] as const;
type FormField = (typeof FORM_FIELDS)[number];

/** Chinese for the server's English-only (zod) messages, per field. */
const LOCAL_MESSAGES: Partial<Record<string, MessageKey>> = {
  employeeCode: 'userForm.invalid.employeeCode',
  displayName: 'userForm.invalid.displayName',
  role: 'userForm.roleRequired',
  branchId: 'userForm.invalid.branchId',
  team: 'userForm.invalid.team',
};

/**
 * 新建账户. The server is the one judge of every rule (employee number format, password policy,
 * known branch, unique employee number); its field messages are shown under the inputs. Only "pick
 * a role" is checked here, since an empty select cannot be sent.
 */
export function CreateUserDialog({
  knownBranches,
  onClose,
  onCreated,
}: {
  knownBranches: string[];
  onClose: () => void;
  onCreated: (user: StaffUser) => void;
}) {
  const { t, locale } = useI18n();
  const [employeeCode, setEmployeeCode] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const [branchId, setBranchId] = useState('');
  const [team, setTeam] = useState('');
  const [initialPassword, setInitialPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [roleMissing, setRoleMissing] = useState(false);
  // Field errors stay until that field is edited.
  const [edited, setEdited] = useState<Set<FormField>>(new Set());
  const branchListId = useId();

  const problems = fieldErrors(error, locale, FORM_FIELDS, (field) => {
    const key = LOCAL_MESSAGES[field];
    return key ? t(key) : null;
  });
  const errorsFor = (field: FormField): string[] => {
    if (field === 'role' && roleMissing) return [t('userForm.roleRequired')];
    return edited.has(field) ? [] : (problems.byField[field] ?? []);
  };
  const touch = (field: FormField) => setEdited((s) => (s.has(field) ? s : new Set(s).add(field)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!role) {
      setRoleMissing(true);
      return;
    }
    setPending(true);
    try {
      const user = await createStaffUser({
        employeeCode: employeeCode.trim(),
        displayName: displayName.trim(),
        role,
        // Blank is head office (总行): null, never an empty code.
        branchId: branchId.trim() || null,
        team: team.trim() || null,
        initialPassword,
      });
      onCreated(user);
    } catch (err) {
      setError(err);
      setEdited(new Set());
      setPending(false);
    }
  };

  return (
    <Dialog title={t('userForm.title')} onClose={onClose} testId="user-create-dialog" size="wide">
      <form className="dialog__body" onSubmit={submit} noValidate>
        <p className="muted small">{t('userForm.explain')}</p>
        <div className="form-grid form-grid--2">
          <Field label={t('userForm.employeeCode')} hint={t('userForm.employeeCodeHint')} errors={errorsFor('employeeCode')} testId="user-form-employee-code-error">
            <input
              className="input input--small ident"
              value={employeeCode}
              maxLength={30}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setEmployeeCode(e.target.value);
                touch('employeeCode');
              }}
              aria-invalid={errorsFor('employeeCode').length > 0 || undefined}
              autoFocus
              data-testid="user-form-employee-code"
            />
          </Field>
          <Field label={t('userForm.displayName')} errors={errorsFor('displayName')} testId="user-form-display-name-error">
            <input
              className="input input--small"
              value={displayName}
              maxLength={50}
              autoComplete="off"
              onChange={(e) => {
                setDisplayName(e.target.value);
                touch('displayName');
              }}
              aria-invalid={errorsFor('displayName').length > 0 || undefined}
              data-testid="user-form-display-name"
            />
          </Field>
          <Field label={t('userForm.role')} errors={errorsFor('role')} testId="user-form-role-error">
            <select
              className="input input--small"
              value={role}
              onChange={(e) => {
                setRole(e.target.value as StaffRole);
                setRoleMissing(false);
                touch('role');
              }}
              aria-invalid={errorsFor('role').length > 0 || undefined}
              data-testid="user-form-role"
            >
              <option value="" disabled>
                {t('userForm.chooseRole')}
              </option>
              {ROLE_OPTIONS.map((r) => {
                const label = bilingualRole(r);
                return (
                  <option key={r} value={r}>
                    {locale === 'zh-CN' ? `${label.zh}（${label.en}）` : `${label.en} (${label.zh})`}
                  </option>
                );
              })}
            </select>
          </Field>
          <Field
            label={
              <>
                {t('userForm.branch')} <span className="field__optional">{t('userForm.branchOptional')}</span>
              </>
            }
            hint={t('userForm.branchHint')}
            errors={errorsFor('branchId')}
            testId="user-form-branch-error"
          >
            <input
              className="input input--small ident"
              value={branchId}
              maxLength={20}
              list={branchListId}
              autoComplete="off"
              spellCheck={false}
              placeholder={t('userForm.branchPlaceholder')}
              onChange={(e) => {
                setBranchId(e.target.value);
                touch('branchId');
              }}
              aria-invalid={errorsFor('branchId').length > 0 || undefined}
              data-testid="user-form-branch"
            />
            <datalist id={branchListId}>
              {knownBranches.map((b) => (
                <option key={b} value={b} />
              ))}
            </datalist>
          </Field>
          <Field
            label={
              <>
                {t('userForm.team')} <span className="field__optional">{t('common.optional')}</span>
              </>
            }
            errors={errorsFor('team')}
            testId="user-form-team-error"
          >
            <input
              className="input input--small"
              value={team}
              maxLength={50}
              autoComplete="off"
              placeholder={t('userForm.teamPlaceholder')}
              onChange={(e) => {
                setTeam(e.target.value);
                touch('team');
              }}
              data-testid="user-form-team"
            />
          </Field>
          <Field label={t('userForm.password')} hint={t('userForm.passwordHint')} errors={errorsFor('initialPassword')} testId="user-form-password-error">
            <input
              className="input input--small"
              type="password"
              autoComplete="new-password"
              value={initialPassword}
              onChange={(e) => {
                setInitialPassword(e.target.value);
                touch('initialPassword');
              }}
              aria-invalid={errorsFor('initialPassword').length > 0 || undefined}
              data-testid="user-form-password"
            />
          </Field>
        </div>
        {error !== null && <ProblemAlert error={error} fields={problems.others} testId="user-create-error" />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={pending} data-testid="user-form-submit">
            {pending ? t('userForm.submitting') : t('userForm.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A labelled input with its hint, and the server's messages for it in place of the hint. */
function Field({ label, hint, errors, testId, children }: { label: ReactNode; hint?: string; errors: string[]; testId: string; children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      {children}
      {errors.length > 0 ? (
        <span className="field__error" role="alert" data-testid={testId}>
          {errors.join(locale === 'zh-CN' ? '；' : '; ')}
        </span>
      ) : (
        hint && <span className="field__hint">{hint}</span>
      )}
    </label>
  );
}
