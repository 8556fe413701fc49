/** Hands the workbench store to the components, which read it one field at a time through selectors. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { WorkbenchState, WorkbenchStore } from './store';

const StoreContext = createContext<WorkbenchStore | null>(null);

export function StoreProvider({ store, children }: { store: WorkbenchStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useWorkbenchStore(): WorkbenchStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useWorkbenchStore must be used inside StoreProvider');
  return store;
}

/** Subscribes a component to one selected value of the store. */
export function useWorkbench<T>(selector: (state: WorkbenchState) => T): T {
  return useStore(useWorkbenchStore(), selector);
}
