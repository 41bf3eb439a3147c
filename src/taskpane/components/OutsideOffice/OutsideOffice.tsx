import { Body1, Link, Subtitle1, Title2 } from '@fluentui/react-components';
import type { Strings } from '../../strings';
import { useOutsideOfficeStyles } from './OutsideOffice.styles';

export interface OutsideOfficeProps {
  s: Strings;
  /** False when office.js itself did not load (Microsoft's CDN unreachable), true when it did. */
  officeLoaded: boolean;
}

/**
 * What taskpane.html shows outside Office (the page opened in a plain browser tab): where to find the
 * add-in in Excel, and the manifest for an administrator. Informative, not an error.
 */
export function OutsideOffice({ s, officeLoaded }: OutsideOfficeProps) {
  const styles = useOutsideOfficeStyles();
  const t = s.outside;
  const [beforeManifest, afterManifest] = t.admin.split('{manifest}');
  return (
    <main className={styles.root}>
      <Title2 as="h1" className={styles.text}>{s.title}</Title2>
      <Subtitle1 as="h2" className={styles.text}>{t.heading}</Subtitle1>
      <Body1 as="p" className={styles.text}>{t.body}</Body1>
      <Body1 as="p" className={styles.text}>{t.where}</Body1>
      <Body1 as="p" className={styles.text}>{t.missing}</Body1>
      {officeLoaded ? null : <Body1 as="p" className={styles.text}>{t.noOffice}</Body1>}
      <Body1 as="p" className={styles.text}>
        {beforeManifest}
        <Link href="manifest.xml">manifest.xml</Link>
        {afterManifest}
      </Body1>
    </main>
  );
}
