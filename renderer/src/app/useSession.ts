// Session info from the host: settings, notices and where data lives.
import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo, SettingsPatch } from '../../../shared/api';
import { api } from '../api/api';
import { useHostEvent } from '../api/useHostEvents';

export interface SessionControls {
  session: SessionInfo | null;
  error: string | null;
  updateSettings: (patch: SettingsPatch) => Promise<void>;
  dismissNotice: (id: string) => Promise<void>;
  /** Fetches notices again (e.g. after opening files, which may quarantine a store file). */
  refresh: () => void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useSession(): SessionControls {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.getSession().then(
      (next) => {
        setSession(next);
        setError(null);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, []);

  useEffect(() => {
    refresh();
  }, [refresh]);
  // Notices raised later (a file moved aside while loading, an edited article…) arrive as events.
  useHostEvent('notices', (event) => setSession((current) => (current ? { ...current, notices: event.notices } : current)), refresh);

  // Optimistic, so controls follow the click at once; the host's answer is authoritative.
  const updateSettings = useCallback(async (patch: SettingsPatch) => {
    let previous: SessionInfo['settings'] | null = null;
    setSession((current) => {
      if (!current) return current;
      previous = current.settings;
      return { ...current, settings: { ...current.settings, ...patch } };
    });
    try {
      const settings = await api.updateSettings(patch);
      setSession((current) => (current ? { ...current, settings } : current));
    } catch (e) {
      const restore = previous;
      if (restore) setSession((current) => (current ? { ...current, settings: restore } : current));
      throw e;
    }
  }, []);

  const dismissNotice = useCallback(async (id: string) => {
    setSession((current) => (current ? { ...current, notices: current.notices.filter((n) => n.id !== id) } : current));
    try {
      await api.dismissNotice(id);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);

  return { session, error, updateSettings, dismissNotice, refresh };
}
