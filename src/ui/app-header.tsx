import { useTranslation } from './i18n/use-translation.tsx';
import { LanguageSelect } from './language-select.tsx';
import { ShareMenu } from './share/share-menu.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

export function AppHeader() {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div>
        <h1>{t('app.name')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
      </div>
      <div className="header-controls">
        <ShareMenu />
        <ThemeToggle />
        <LanguageSelect />
      </div>
    </header>
  );
}
