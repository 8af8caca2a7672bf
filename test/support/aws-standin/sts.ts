import { el, xml } from './protocol.ts';
import type { ActionHandler } from './service.ts';

export const stsActions: Record<string, ActionHandler> = {
  GetCallerIdentity: ({ state, accessKeyId }) =>
    xml(el('UserId', accessKeyId ?? 'AIDASTANDIN'), el('Account', state.accountId), el('Arn', `arn:aws:iam::${state.accountId}:user/standin-user`)),
};
