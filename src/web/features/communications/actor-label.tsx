import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { shortId } from '../audit/audit-filter.ts';

/**
 * Who did it: "本人" for the signed-in user, else the actor id, shortened (the full id in a title).
 * The communications API returns actor ids only, not names.
 */
export function ActorLabel({ actorId }: { actorId: string }) {
  const { t } = useI18n();
  const { state } = useSession();
  const me = state.status === 'signed-in' ? `staff:${state.session.user.id}` : null;
  if (actorId === me) return <span data-testid="actor-me">{t('actor.me')}</span>;
  const colon = actorId.indexOf(':');
  const kind = colon > 0 ? actorId.slice(0, colon) : '';
  return (
    <span className="actor" title={actorId}>
      {kind === 'system' ? `${t('actorKind.system')} · ${actorId.slice(colon + 1)}` : <span className="ident muted small">{shortId(actorId)}</span>}
    </span>
  );
}
