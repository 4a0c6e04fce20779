import { Placeholder } from '@telegram-apps/telegram-ui';

/** A whole-screen message: outside Telegram, no access, session expired. */
export function Notice({ testId, icon, title, text }: { testId: string; icon: string; title: string; text: string }) {
  return (
    <main className="notice" data-testid={testId}>
      <Placeholder header={title} description={text}>
        <span className="notice-icon" aria-hidden="true">
          {icon}
        </span>
      </Placeholder>
    </main>
  );
}
