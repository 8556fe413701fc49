/** Lays out the chat editor with the knowledge base panel beside it. */
import type { ReactNode } from 'react';
import { t } from '../i18n';
import { KnowledgeBasePanel } from './KnowledgeBasePanel';

export function WithKnowledgeBasePanel({ children }: { children: ReactNode }) {
  return (
    <div className="kb-layout">
      <div className="kb-layout__main">{children}</div>
      <aside className="kb-side" aria-label={t('kb.panelLabel')}>
        <KnowledgeBasePanel placement="side" />
      </aside>
    </div>
  );
}
