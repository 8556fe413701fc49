/** The workbench's views with their catalog titles, in activity-bar order. */
import type { MessageKey } from '../../shared/i18n/catalog';
import type { ViewId } from './ui-slice';

export const VIEWS: readonly { id: ViewId; titleKey: MessageKey }[] = [
  { id: 'chats', titleKey: 'view.chats' },
  { id: 'selftest', titleKey: 'view.selftest' },
  { id: 'knowledgeBase', titleKey: 'view.knowledgeBase' },
  { id: 'followUps', titleKey: 'view.followUps' },
  { id: 'outbox', titleKey: 'view.outbox' },
  { id: 'settings', titleKey: 'view.settings' },
];
