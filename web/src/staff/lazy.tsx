// Loads the staff money pages (./index.tsx and everything under it) on first use: a separate
// chunk, so an exporter's first load carries none of it.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { User } from '../types';
import { Alert, Loading } from '../ui';

type Props = { user: User; path: string; query: URLSearchParams };

let loaded: FunctionComponent<Props> | null = null;

export function StaffPages(props: Props) {
  const [Comp, setComp] = useState<FunctionComponent<Props> | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    import('./index').then(
      (m) => {
        loaded = m.StaffRoutes;
        if (live) setComp(() => m.StaffRoutes);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  if (failed) return <Alert kind="error">{t('error.network')}</Alert>;
  if (!Comp) return <Loading />;
  return <Comp {...props} />;
}
