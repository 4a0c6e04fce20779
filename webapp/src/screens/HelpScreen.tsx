import { Card, Loaded } from '../components/Card';
import { useServices } from '../context';
import { useI18n, type MessageKey } from '../i18n';
import { useResource } from '../useResource';

/** Every figure's definition, as the API documents it. */
export default function HelpScreen({ onBack, showBackLink }: { onBack: () => void; showBackLink: boolean }) {
  const { api } = useServices();
  const { t, m, lang } = useI18n();
  const definitions = useResource(`definitions/${lang}`, () => api.definitions(lang));
  const title = (key: string): string => {
    const messageKey = `help_${key}` as MessageKey;
    return messageKey in m ? t(messageKey) : key;
  };
  return (
    <main className="help" data-testid="help-screen">
      <header className="top">
        {showBackLink && (
          <button type="button" className="chip" data-testid="help-back" onClick={onBack}>
            ‹ {t('back')}
          </button>
        )}
        <h1>{t('helpTitle')}</h1>
      </header>
      <Card title={t('helpTitle')}>
        <Loaded
          resource={definitions}
          render={(data) => (
            <>
              <dl className="definitions">
                {Object.entries(data.figures).map(([key, text]) => (
                  <div key={key} className="definition" data-figure={key}>
                    <dt>{title(key)}</dt>
                    <dd>{text}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        />
      </Card>
    </main>
  );
}
