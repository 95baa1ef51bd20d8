import { useEffect, useState } from 'preact/hooks';

/** This browser's time, moving every half minute: countdowns stay current. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
