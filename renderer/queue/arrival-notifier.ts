/**
 * Desktop notifications for chats that join the queue while the agent looks at
 * another window. Permission is requested once, on the agent's first click or
 * key press, because some browsers (Firefox since version 72) reject a request
 * made without a user gesture.
 */
import type { QueueEntry } from '../../shared/chat/model';
import { t } from '../i18n';
import { shouldNotifyArrival } from './queue-state';

function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

/** Asks for notification permission on the first user gesture; returns the function that stops waiting. */
export function askNotificationPermissionOnFirstGesture(): () => void {
  if (!notificationsSupported() || Notification.permission !== 'default') return () => {};

  const ask = () => {
    stop();
    if (Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
  };
  const stop = () => {
    window.removeEventListener('pointerdown', ask, true);
    window.removeEventListener('keydown', ask, true);
  };
  window.addEventListener('pointerdown', ask, true);
  window.addEventListener('keydown', ask, true);
  return stop;
}

/** Shows one notification for new arrivals, without any citizen's text, when the window has no focus. */
export function notifyArrivals(arrivals: readonly QueueEntry[], queueLength: number): void {
  if (!notificationsSupported()) return;
  if (!shouldNotifyArrival(arrivals.length, document.hasFocus(), Notification.permission)) return;

  const notification = new Notification(t('notify.newChat.title'), {
    body: queueLength === 1 ? t('notify.newChat.bodyOne') : t('notify.newChat.body', { count: queueLength }),
    tag: 'atiende-queue',
  });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}
