import type { Ref } from 'react';

import type { PromoCodes, Referrals, TopClients } from '../api/types';
import { Card, Empty, Loaded } from '../components/Card';
import { formatCount, formatMoney, formatPercent, personName } from '../format';
import { useI18n } from '../i18n';
import type { Resource } from '../useResource';

export function PromoCodesTable({ promo, panelRef }: { promo: Resource<PromoCodes>; panelRef?: Ref<HTMLElement> }) {
  const { t, lang } = useI18n();
  return (
    <Card title={t('promoTitle')} testId="table-promo-codes" busy={promo.status === 'loading'} panelRef={panelRef}>
      <Loaded
        resource={promo}
        skeletonHeight={120}
        render={(data) =>
          data.promo_codes.length === 0 ? (
            <Empty text={t('emptyPromo')} />
          ) : (
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('promoCode')}</th>
                    <th scope="col" className="num">{t('promoUses')}</th>
                    <th scope="col" className="num">{t('promoDiscount')}</th>
                    <th scope="col" className="num">{t('revenue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.promo_codes.map((row) => (
                    <tr key={row.promo_code_id}>
                      <td className="code">{row.code}</td>
                      <td className="num">{formatCount(row.uses, lang)}</td>
                      <td className="num">{formatMoney(row.discount_kopecks, lang)}</td>
                      <td className="num">{formatMoney(row.revenue_kopecks, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      />
    </Card>
  );
}

export function ReferralsTable({
  referrals,
  panelRef,
}: {
  referrals: Resource<Referrals>;
  panelRef?: Ref<HTMLElement>;
}) {
  const { t, lang } = useI18n();
  return (
    <Card title={t('referralsTitle')} testId="table-referrals" busy={referrals.status === 'loading'} panelRef={panelRef}>
      <Loaded
        resource={referrals}
        skeletonHeight={120}
        render={(data) =>
          data.referrals === 0 ? (
            <Empty text={t('emptyReferrals')} />
          ) : (
            <>
              <dl className="facts">
                <div>
                  <dt>{t('referralsInvited')}</dt>
                  <dd>{formatCount(data.referrals, lang)}</dd>
                </div>
                <div>
                  <dt>{t('referralsConverted')}</dt>
                  <dd>{formatCount(data.converted, lang)}</dd>
                </div>
                <div>
                  <dt>{t('referralsConversion')}</dt>
                  <dd>{formatPercent(data.conversion_percent, lang)}</dd>
                </div>
              </dl>
              {data.top_referrers.length > 0 && (
                <div className="table-scroll">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">{t('referrer')}</th>
                        <th scope="col" className="num">{t('invited')}</th>
                        <th scope="col" className="num">{t('converted')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.top_referrers.map((row) => (
                        <tr key={row.client.user_id}>
                          <td>{personName(row.client)}</td>
                          <td className="num">{formatCount(row.invited, lang)}</td>
                          <td className="num">{formatCount(row.converted, lang)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )
        }
      />
    </Card>
  );
}

export function TopClientsTable({ clients, panelRef }: { clients: Resource<TopClients>; panelRef?: Ref<HTMLElement> }) {
  const { t, lang } = useI18n();
  return (
    <Card title={t('topClientsTitle')} testId="table-top-clients" busy={clients.status === 'loading'} panelRef={panelRef}>
      <Loaded
        resource={clients}
        skeletonHeight={120}
        render={(data) =>
          data.clients.length === 0 ? (
            <Empty text={t('emptyClients')} />
          ) : (
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('client')}</th>
                    <th scope="col" className="num">{t('revenue')}</th>
                    <th scope="col" className="num">{t('bookings')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.clients.map((row) => (
                    <tr key={row.client.user_id}>
                      <td>{personName(row.client)}</td>
                      <td className="num">{formatMoney(row.revenue_kopecks, lang)}</td>
                      <td className="num">{formatCount(row.bookings, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      />
    </Card>
  );
}
