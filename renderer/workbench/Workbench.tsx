/** The workbench layout: activity bar, side bar with the queue, the active view, the Problemas panel and the status bar. */
import { useEffect } from 'react';
import { ChatEditor } from '../chat/ChatEditor';
import { KnowledgeBaseView } from '../knowledge-base/KnowledgeBaseView';
import { WithKnowledgeBasePanel } from '../knowledge-base/WithKnowledgeBasePanel';
import { t } from '../i18n';
import { OfflineBanner } from '../offline/OfflineBanner';
import { OutboxView } from '../outbox/OutboxView';
import { FollowUpsView } from '../follow-ups/FollowUpsView';
import { HubLoginBanner } from '../hub/HubLoginBanner';
import { TransferDialog } from '../transfer/TransferDialog';
import { TransferNotice } from '../transfer/TransferNotice';
import { CommandPalette } from '../palette/CommandPalette';
import { usePaletteShortcuts } from '../palette/use-palette-shortcuts';
import { QueuePanel } from '../queue/QueuePanel';
import { EquipmentAlertBar } from '../selftest/EquipmentAlertBar';
import { SelfTestView } from '../selftest/SelfTestView';
import { SettingsBanner } from '../settings/SettingsBanner';
import { SettingsView } from '../settings/SettingsView';
import { ActivityBar } from './ActivityBar';
import { ProblemsPanel } from './ProblemsPanel';
import { StatusBar } from './StatusBar';
import { useWorkbench } from './store-context';
import { selectPaletteOpen, selectProblemsVisible, selectView, type ViewId } from './ui-slice';

function ActiveView({ view }: { view: ViewId }) {
  switch (view) {
    case 'chats':
      return (
        <WithKnowledgeBasePanel>
          <ChatEditor />
        </WithKnowledgeBasePanel>
      );
    case 'selftest':
      return <SelfTestView />;
    case 'settings':
      return <SettingsView />;
    case 'knowledgeBase':
      return <KnowledgeBaseView />;
    case 'outbox':
      return <OutboxView />;
    case 'followUps':
      return <FollowUpsView />;
  }
}

export function Workbench() {
  const view = useWorkbench(selectView);
  const problemsVisible = useWorkbench(selectProblemsVisible);
  const paletteOpen = useWorkbench(selectPaletteOpen);
  const openPalette = useWorkbench((state) => state.openPalette);
  const loadWorkspace = useWorkbench((state) => state.loadWorkspace);
  const runSelfTest = useWorkbench((state) => state.runSelfTest);
  const loadHubLogin = useWorkbench((state) => state.loadHubLogin);
  const loadFollowUps = useWorkbench((state) => state.loadFollowUps);
  usePaletteShortcuts(openPalette);

  // The shift starts with the workspace and the equipment check.
  useEffect(() => {
    void loadWorkspace();
    void runSelfTest();
  }, [loadWorkspace, runSelfTest]);

  useEffect(() => {
    void loadHubLogin();
    void loadFollowUps();
  }, [loadHubLogin, loadFollowUps]);

  // The Problemas panel lists the reply's findings, so it belongs to the chats view only.
  const panelShown = problemsVisible && view === 'chats';
  return (
    <div className={`workbench${panelShown ? '' : ' workbench--no-panel'}`}>
      <ActivityBar />
      <aside className="side-bar" aria-label={t('workbench.sideBar')}>
        <QueuePanel />
      </aside>
      <main className="editor">
        {/* Banners share at most a third of the editor and scroll inside it, so the chat keeps its composer in view. */}
        <div className="editor__banners">
          <EquipmentAlertBar />
          <HubLoginBanner />
          <OfflineBanner />
          <TransferNotice />
          <SettingsBanner />
        </div>
        <div className="editor__view">
          <ActiveView view={view} />
        </div>
      </main>
      {panelShown && <ProblemsPanel />}
      <StatusBar />
      {paletteOpen && <CommandPalette />}
      <TransferDialog />
    </div>
  );
}
