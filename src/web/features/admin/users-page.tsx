import { useState } from 'react';
import { listStaffUsers } from '../../api/client.ts';
import type { StaffUser } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText, instantText } from '../../ui/date-text.tsx';
import { Alert, EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { CreateUserDialog } from './create-user-dialog.tsx';
import { DisableUserDialog } from './disable-user-dialog.tsx';
import { bilingualRole } from './role-options.ts';

type Status = { kind: 'active' } | { kind: 'disabled' } | { kind: 'locked'; until: string };

/** Disabled wins over a lock; a lock counts only while its end is in the future. */
export function accountStatus(user: StaffUser, now = Date.now()): Status {
  if (user.disabled) return { kind: 'disabled' };
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > now) return { kind: 'locked', until: user.lockedUntil };
  return { kind: 'active' };
}

type Done = { kind: 'created' | 'disabled'; user: StaffUser };

/**
 * 员工账户 (users.manage): every staff account with role, branch, team, status and last sign-in;
 * create an account, disable one with a reason (it is signed out everywhere at once). There is no
 * "enable" or "edit" in the API yet.
 */
export function UsersPage() {
  const { t, locale } = useI18n();
  const { state } = useSession();
  const me = state.status === 'signed-in' ? state.session.user.id : null;
  const list = useApi('admin:users', (signal) => listStaffUsers(signal));
  const [creating, setCreating] = useState(false);
  const [disabling, setDisabling] = useState<StaffUser | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const users = list.status === 'success' ? list.data.items : [];
  // Branch codes already in use, offered as suggestions in the create form.
  const knownBranches = [...new Set(users.map((u) => u.branchId).filter((b): b is string => b !== null))].sort();

  const columns: Array<Column<StaffUser>> = [
    {
      key: 'code',
      header: t('users.col.code'),
      render: (u) => (
        <span className="ident" data-testid="user-code">
          {u.employeeCode}
        </span>
      ),
      nowrap: true,
    },
    {
      key: 'name',
      header: t('users.col.name'),
      render: (u) => (
        <span>
          <span className="strong" data-testid="user-display-name">
            {u.displayName}
          </span>
          {u.id === me && <span className="muted small"> {t('users.you')}</span>}
        </span>
      ),
    },
    {
      key: 'role',
      header: t('users.col.role'),
      render: (u) => {
        const role = bilingualRole(u.role);
        const [main, other] = locale === 'zh-CN' ? [role.zh, role.en] : [role.en, role.zh];
        return (
          <span className="stacked-cell" data-testid="user-role">
            <span>{main}</span>
            <span className="muted small">{other}</span>
          </span>
        );
      },
      nowrap: true,
    },
    {
      key: 'branch',
      header: t('users.col.branch'),
      render: (u) =>
        u.branchId === null ? (
          <span data-testid="user-branch">{t('users.headOffice')}</span>
        ) : (
          <span className="ident" data-testid="user-branch">
            {u.branchId}
          </span>
        ),
      nowrap: true,
    },
    { key: 'team', header: t('users.col.team'), render: (u) => u.team ?? <span className="muted">{t('common.none')}</span>, nowrap: true },
    {
      key: 'status',
      header: t('users.col.status'),
      render: (u) => {
        const s = accountStatus(u);
        return s.kind === 'active' ? (
          <Badge tone="success" testId="user-status">
            {t('users.status.active')}
          </Badge>
        ) : s.kind === 'disabled' ? (
          <Badge tone="neutral" testId="user-status">
            {t('users.status.disabled')}
          </Badge>
        ) : (
          <Badge tone="warning" testId="user-status">
            {t('users.status.locked', { time: instantText(s.until) })}
          </Badge>
        );
      },
      nowrap: true,
    },
    {
      key: 'lastLogin',
      header: t('users.col.lastLogin'),
      render: (u) => <DateText instant={u.lastLoginAt} empty={t('users.neverSignedIn')} />,
      nowrap: true,
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('users.col.actions')}</span>,
      align: 'right',
      render: (u) =>
        !u.disabled && u.id !== me ? (
          <button type="button" className="button button--small button--danger-outline" onClick={() => setDisabling(u)} data-testid="user-disable">
            {t('users.disable')}
          </button>
        ) : null,
      nowrap: true,
    },
  ];

  return (
    <div className="page" data-testid="users-page">
      <div className="page-header">
        <div className="page-header__text">
          <h1 className="page__title">{t('users.title')}</h1>
          <p className="muted small">{t('users.subtitle')}</p>
        </div>
        <div className="page-header__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setDone(null);
              setCreating(true);
            }}
            data-testid="user-create"
          >
            {t('users.create')}
          </button>
        </div>
      </div>
      {done && (
        <Alert
          tone="success"
          title={t(done.kind === 'created' ? 'users.created' : 'users.disabledDone', { code: done.user.employeeCode, name: done.user.displayName })}
          testId={done.kind === 'created' ? 'user-created' : 'user-disabled'}
        />
      )}
      <Card
        title={t('users.listTitle')}
        aside={list.status === 'success' && <span className="muted">{t('users.count', { n: users.length })}</span>}
        flush
        testId="users"
      >
        {list.status === 'error' ? (
          <div className="card__notice card__notice--bottom">
            <ProblemAlert error={list.error} onRetry={list.reload} testId="users-error" />
          </div>
        ) : list.status !== 'success' ? (
          <Loading label={t('users.loading')} />
        ) : users.length === 0 ? (
          <EmptyState title={t('users.empty')} />
        ) : (
          <Table
            columns={columns}
            rows={users}
            rowKey={(u) => u.id}
            rowTestId="user-row"
            rowAttributes={(u) => ({ 'data-code': u.employeeCode, 'data-status': accountStatus(u).kind })}
            rowClassName={(u) => (u.disabled ? 'row--muted' : done?.kind === 'created' && done.user.id === u.id ? 'row--new' : undefined)}
          />
        )}
      </Card>
      {creating && (
        <CreateUserDialog
          knownBranches={knownBranches}
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            setDone({ kind: 'created', user });
            list.reload();
          }}
        />
      )}
      {disabling && (
        <DisableUserDialog
          user={disabling}
          onClose={() => setDisabling(null)}
          onDisabled={(user) => {
            setDisabling(null);
            setDone({ kind: 'disabled', user });
            list.reload();
          }}
        />
      )}
    </div>
  );
}
