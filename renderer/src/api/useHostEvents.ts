// React access to the host's event feed: a handler per event type, and a callback for each
// (re)connection, after which anything missed meanwhile is fetched again.
import { useEffect, useRef } from 'react';
import type { MarginaliaEvent } from '../../../shared/api/events';
import { onEventsConnected, subscribeEvents } from './api';

type EventOf<T extends MarginaliaEvent['type']> = Extract<MarginaliaEvent, { type: T }>;

export function useHostEvent<T extends MarginaliaEvent['type']>(type: T, handler: (event: EventOf<T>) => void, onReconnect?: () => void): void {
  // The latest handlers, so subscribing happens once per type.
  const latest = useRef({ handler, onReconnect });
  useEffect(() => {
    latest.current = { handler, onReconnect };
  });
  useEffect(() => {
    const unsubscribe = subscribeEvents((event) => {
      if (event.type === type) latest.current.handler(event as EventOf<T>);
    });
    const unwatch = onEventsConnected(() => latest.current.onReconnect?.());
    return () => {
      unsubscribe();
      unwatch();
    };
  }, [type]);
}
