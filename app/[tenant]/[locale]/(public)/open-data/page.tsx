import { textDirection } from '@/modules/i18n/locales';
import { localised } from '@/modules/i18n/localised';
import { BarChart, ColumnChart, DataTable, type ChartDatum } from '@/modules/opendata/charts';
import { DATASETS, frameworkLabel, lotLabel } from '@/modules/opendata/datasets';
import { filterQuery, parseOpenDataFilters, PERIODS } from '@/modules/opendata/filters';
import { compactMoney, count, decimal, money, percent, periodLabel } from '@/modules/opendata/format';
import { decimalShare } from '@/modules/opendata/queries';
import { loadOpenData } from '@/modules/opendata/service';
import { SME_SIZES } from '@/modules/suppliers/queries';
import { tenantPageContext } from '@/modules/tenancy/context';
import { titleFromKey } from '@/modules/tenancy/metadata';
import { PageHeading } from '@/modules/ui/page-heading';

export const generateMetadata = titleFromKey('dashboard.title');

/** Where the money goes: every figure from the tenant's own awards, as charts, tables and downloads. */
export default async function OpenDataPage({ params, searchParams }: PageProps<'/[tenant]/[locale]/open-data'>) {
  const { tenant: slug, locale } = await params;
  const ctx = await tenantPageContext(slug, locale);
  const { t, tenant, fmt } = ctx;
  const filters = parseOpenDataFilters(await searchParams);
  const { figures, frameworks } = await loadOpenData(tenant, filters);
  const rtl = textDirection(locale) === 'rtl';
  const labels = { frameworks, locale, fallback: tenant.config.defaultLocale };
  const h = figures.headline;
  const empty = h.contracts === 0;
  const download = (name: string) => `${ctx.basePath}/api/open-data/${name}.csv${filterQuery(filters, locale === tenant.config.defaultLocale ? {} : { locale })}`;
  const moneyDatum = (key: string, label: string, value: string): ChartDatum => ({ key, label, value: Number(value), display: money(value, fmt) });
  const regionLabel = (key: string) => (key === '' ? t('dashboard.regionNotStated') : key);
  const target = tenant.config.smeTargetPercent;

  const overTime = figures.overTime.map((r) => moneyDatum(r.key, periodLabel(r.key, filters.period, fmt, t), r.value));
  const peak = figures.overTime.reduce<(typeof figures.overTime)[number] | null>((best, r) => (!best || Number(r.value) > Number(best.value) ? r : best), null);
  const smeShare = h.smeShare || '0';
  const largeShare = empty ? '0' : decimalShare((Number(h.value) - Number(h.smeValue)).toFixed(2), h.value);
  const sizeData: ChartDatum[] = [
    { key: 'sme', label: t('dashboard.smes'), value: Number(smeShare), display: percent(smeShare, fmt) },
    { key: 'large', label: t('dashboard.large'), value: Number(largeShare), display: percent(largeShare, fmt) },
  ];
  const regions = figures.byRegion.map((r) => moneyDatum(r.key || '-', regionLabel(r.key), r.value));
  const byFramework = figures.byFrameworkLot.map((r) =>
    moneyDatum(r.key, `${frameworkLabel(labels, r.frameworkSlug)} – ${lotLabel(labels, r.frameworkSlug, r.lot)}`, r.value),
  );
  const byBuyer = figures.byBuyer.map((r) => moneyDatum(r.key, r.name, r.value));
  const responses = figures.responses;
  const responseData: ChartDatum[] = responses.distribution.map((d) => ({
    key: d.key,
    label: t(`dashboard.responsesBucket.${d.key === '3-5' ? 'threeToFive' : d.key === '6+' ? 'sixPlus' : `n${d.key}`}`),
    value: d.opportunities,
    display: count(d.opportunities, fmt),
  }));

  return (
    <>
      <PageHeading>{t('dashboard.title')}</PageHeading>
      <p className="mb-4 max-w-3xl text-lg">{t('dashboard.intro')}</p>
      <p className="mb-8 max-w-3xl text-muted">{t('dashboard.source', { currency: tenant.config.currency })}</p>

      <form method="get" action={ctx.href('/open-data')} className="mb-10 border border-rule p-4" aria-labelledby="filters-heading">
        <h2 id="filters-heading" className="mb-4 text-xl font-bold">
          {t('dashboard.filtersHeading')}
        </h2>
        <div className="flex flex-wrap gap-6">
          <div>
            <label htmlFor="from" className="mb-1 block font-bold">
              {t('dashboard.from')}
            </label>
            <input id="from" name="from" type="date" defaultValue={filters.from ?? ''} className="border-2 border-ink p-1" />
          </div>
          <div>
            <label htmlFor="to" className="mb-1 block font-bold">
              {t('dashboard.to')}
            </label>
            <input id="to" name="to" type="date" defaultValue={filters.to ?? ''} className="border-2 border-ink p-1" />
          </div>
          <div>
            <label htmlFor="framework" className="mb-1 block font-bold">
              {t('dashboard.framework')}
            </label>
            <select id="framework" name="framework" defaultValue={filters.framework ?? ''} className="border-2 border-ink p-1">
              <option value="">{t('dashboard.allFrameworks')}</option>
              {frameworks.map((f) => (
                <option key={f.slug} value={f.slug}>
                  {localised(f.name, locale, tenant.config.defaultLocale)}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend className="mb-1 font-bold">{t('dashboard.period')}</legend>
            <div className="flex gap-4">
              {PERIODS.map((p) => (
                <label key={p} className="flex items-center gap-1">
                  <input type="radio" name="period" value={p} defaultChecked={filters.period === p} />
                  {t(`dashboard.periods.${p}`)}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <button type="submit" className="bg-brand px-4 py-2 font-bold text-brand-text">
            {t('dashboard.apply')}
          </button>
          <a href={ctx.href('/open-data')}>{t('dashboard.clear')}</a>
        </div>
      </form>

      <section aria-labelledby="headline" className="mb-10">
        <h2 id="headline" className="mb-4 text-2xl font-bold">
          {t('dashboard.headlineHeading')}
        </h2>
        <dl className="grid gap-4 md:grid-cols-3" data-testid="headline">
          {[
            [t('dashboard.totalValue'), money(h.value, fmt), 'value'],
            [t('dashboard.contracts'), count(h.contracts, fmt), 'contracts'],
            [t('dashboard.suppliersWon'), count(h.suppliers, fmt), 'suppliers'],
            [t('dashboard.buyers'), count(h.buyers, fmt), 'buyers'],
            [t('dashboard.smeShare'), empty ? t('dashboard.notApplicable') : percent(smeShare, fmt), 'sme-share'],
            ...(target !== undefined ? [[t('dashboard.smeTarget'), percent(target, fmt), 'sme-target']] : []),
          ].map(([label, value, id]) => (
            <div key={id} className="border-s-4 border-brand bg-gray-100 p-4">
              <dt>{label}</dt>
              <dd className="text-2xl font-bold" data-testid={`headline-${id}`}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
        {h.otherCurrencyContracts > 0 ? <p className="mt-4">{t('dashboard.otherCurrency', { number: count(h.otherCurrencyContracts, fmt), currency: tenant.config.currency })}</p> : null}
      </section>

      {empty ? (
        <p className="mb-10 border-s-4 border-brand bg-gray-100 p-4" role="status">
          {t('dashboard.noContracts')}
        </p>
      ) : (
        <>
          <section aria-labelledby="over-time" className="mb-12">
            <h2 id="over-time" className="mb-2 text-2xl font-bold">
              {t('dashboard.overTimeHeading')}
            </h2>
            <p className="mb-4 max-w-3xl" data-testid="over-time-summary">
              {t('dashboard.overTimeSummary', {
                total: money(h.value, fmt),
                period: t(`dashboard.periodNames.${filters.period}`),
                peak: peak ? periodLabel(peak.key, filters.period, fmt, t) : '',
                peakValue: peak ? money(peak.value, fmt) : '',
              })}
            </p>
            <ColumnChart id="chart-over-time" title={t('dashboard.overTimeHeading')} description={t('dashboard.chartDescription')} data={overTime} rtl={rtl} axisLabel={(v) => compactMoney(v, fmt)} />
            <DataTable
              caption={t('dashboard.overTimeCaption')}
              headers={[t(`dashboard.periods.${filters.period}`), t('dashboard.value'), t('dashboard.contracts')]}
              rows={figures.overTime.map((r, i) => ({ key: r.key, value: Number(r.value), cells: [overTime[i]!.label, money(r.value, fmt), count(r.contracts, fmt)] }))}
            />
            <p>
              <a href={download('spend-over-time')}>{t('dashboard.downloadCsv', { name: t('dashboard.overTimeHeading') })}</a>
            </p>
          </section>

          <section aria-labelledby="by-size" className="mb-12">
            <h2 id="by-size" className="mb-2 text-2xl font-bold">
              {t('dashboard.bySizeHeading')}
            </h2>
            <p className="mb-4 max-w-3xl" data-testid="by-size-summary">
              {target !== undefined
                ? t(Number(smeShare) >= target ? 'dashboard.bySizeSummaryMet' : 'dashboard.bySizeSummaryNotMet', {
                    share: percent(smeShare, fmt),
                    sme: money(h.smeValue, fmt),
                    total: money(h.value, fmt),
                    target: percent(target, fmt),
                  })
                : t('dashboard.bySizeSummary', { share: percent(smeShare, fmt), sme: money(h.smeValue, fmt), total: money(h.value, fmt) })}
            </p>
            <BarChart
              id="chart-by-size"
              title={t('dashboard.bySizeHeading')}
              description={t('dashboard.bySizeDescription')}
              data={sizeData}
              rtl={rtl}
              max={100}
              target={target !== undefined ? { value: target, label: t('dashboard.targetLine', { target: percent(target, fmt) }) } : undefined}
            />
            <DataTable
              caption={t('dashboard.bySizeCaption')}
              headers={[t('dashboard.size'), t('dashboard.sme'), t('dashboard.value'), t('dashboard.contracts'), t('dashboard.shareOfValue')]}
              rows={figures.bySize.map((r) => {
                const s = decimalShare(r.value, h.value);
                return {
                  key: r.key,
                  value: Number(r.value),
                  cells: [t(`sizes.${r.key}`), t((SME_SIZES as readonly string[]).includes(r.key) ? 'dashboard.yes' : 'dashboard.no'), money(r.value, fmt), count(r.contracts, fmt), s ? percent(s, fmt) : ''],
                };
              })}
            />
            <p>
              <a href={download('spend-by-supplier-size')}>{t('dashboard.downloadCsv', { name: t('dashboard.bySizeHeading') })}</a>
            </p>
          </section>

          <section aria-labelledby="by-region" className="mb-12">
            <h2 id="by-region" className="mb-2 text-2xl font-bold">
              {t('dashboard.byRegionHeading')}
            </h2>
            <p className="mb-4 max-w-3xl">
              {t('dashboard.byRegionSummary', {
                top: figures.byRegion[0] ? regionLabel(figures.byRegion[0].key) : '',
                topValue: figures.byRegion[0] ? money(figures.byRegion[0].value, fmt) : '',
              })}
            </p>
            <BarChart id="chart-by-region" title={t('dashboard.byRegionHeading')} description={t('dashboard.chartDescription')} data={regions} rtl={rtl} />
            <DataTable
              caption={t('dashboard.byRegionCaption')}
              headers={[t('dashboard.region'), t('dashboard.value'), t('dashboard.contracts')]}
              rows={figures.byRegion.map((r) => ({ key: r.key || '-', value: Number(r.value), cells: [regionLabel(r.key), money(r.value, fmt), count(r.contracts, fmt)] }))}
            />
            <p>
              <a href={download('spend-by-region')}>{t('dashboard.downloadCsv', { name: t('dashboard.byRegionHeading') })}</a>
            </p>
          </section>

          <section aria-labelledby="by-framework" className="mb-12">
            <h2 id="by-framework" className="mb-2 text-2xl font-bold">
              {t('dashboard.byFrameworkHeading')}
            </h2>
            <p className="mb-4 max-w-3xl">{t('dashboard.byFrameworkSummary', { top: byFramework[0]?.label ?? '' })}</p>
            <BarChart id="chart-by-framework" title={t('dashboard.byFrameworkHeading')} description={t('dashboard.chartDescription')} data={byFramework} rtl={rtl} />
            <DataTable
              caption={t('dashboard.byFrameworkCaption')}
              headers={[t('dashboard.frameworkAndLot'), t('dashboard.value'), t('dashboard.contracts')]}
              rows={figures.byFrameworkLot.map((r, i) => ({ key: r.key, value: Number(r.value), cells: [byFramework[i]!.label, money(r.value, fmt), count(r.contracts, fmt)] }))}
            />
            <p>
              <a href={download('spend-by-framework')}>{t('dashboard.downloadCsv', { name: t('dashboard.byFrameworkHeading') })}</a>
            </p>
          </section>

          <section aria-labelledby="by-buyer" className="mb-12">
            <h2 id="by-buyer" className="mb-2 text-2xl font-bold">
              {t('dashboard.byBuyerHeading')}
            </h2>
            <p className="mb-4 max-w-3xl">{t('dashboard.byBuyerSummary', { top: figures.byBuyer[0]?.name ?? '' })}</p>
            <BarChart id="chart-by-buyer" title={t('dashboard.byBuyerHeading')} description={t('dashboard.chartDescription')} data={byBuyer} rtl={rtl} />
            <DataTable
              caption={t('dashboard.byBuyerCaption')}
              headers={[t('dashboard.buyer'), t('dashboard.value'), t('dashboard.contracts')]}
              rows={figures.byBuyer.map((r) => ({ key: r.key, value: Number(r.value), cells: [r.name, money(r.value, fmt), count(r.contracts, fmt)] }))}
            />
            <p>
              <a href={download('spend-by-buyer')}>{t('dashboard.downloadCsv', { name: t('dashboard.byBuyerHeading') })}</a>
            </p>
          </section>
        </>
      )}

      <section aria-labelledby="competition" className="mb-12">
        <h2 id="competition" className="mb-2 text-2xl font-bold">
          {t('dashboard.competitionHeading')}
        </h2>
        <p className="mb-4 max-w-3xl">{t('dashboard.competitionIntro')}</p>
        {figures.competition.length === 0 ? (
          <p className="mb-4">{t('dashboard.noCompetition')}</p>
        ) : (
          <DataTable
            caption={t('dashboard.winnersCaption')}
            headers={[t('dashboard.framework'), t('dashboard.onFramework'), t('dashboard.winners'), t('dashboard.winnerShare')]}
            rows={figures.competition.map((r) => ({
              key: r.frameworkSlug,
              cells: [frameworkLabel(labels, r.frameworkSlug), count(r.onFramework, fmt), count(r.winners, fmt), r.winnerShare ? percent(r.winnerShare, fmt) : ''],
            }))}
          />
        )}
        <p className="mb-4">
          <a href={download('competition')}>{t('dashboard.downloadCsv', { name: t('dashboard.winnersCaption') })}</a>
        </p>
        <h3 className="mb-2 text-xl font-bold">{t('dashboard.responsesHeading')}</h3>
        {responses.closedOpportunities === 0 ? (
          <p className="mb-4">{t('dashboard.noOpportunities')}</p>
        ) : (
          <>
            <p className="mb-4 max-w-3xl" data-testid="responses-summary">
              {t('dashboard.responsesSummary', {
                closed: count(responses.closedOpportunities, fmt),
                average: decimal(responses.averageResponses, fmt),
                single: responses.singleResponseShare ? percent(responses.singleResponseShare, fmt) : t('dashboard.notApplicable'),
              })}
            </p>
            <BarChart id="chart-responses" title={t('dashboard.responsesHeading')} description={t('dashboard.chartDescription')} data={responseData} rtl={rtl} />
            <DataTable
              caption={t('dashboard.responsesCaption')}
              headers={[t('dashboard.responses'), t('dashboard.closedOpportunities')]}
              rows={responses.distribution.map((d, i) => ({ key: d.key, value: d.opportunities, cells: [responseData[i]!.label, count(d.opportunities, fmt)] }))}
            />
          </>
        )}
        <p>
          <a href={download('responses-per-opportunity')}>{t('dashboard.downloadCsv', { name: t('dashboard.responsesHeading') })}</a>
        </p>
      </section>

      <section aria-labelledby="downloads" className="mb-8">
        <h2 id="downloads" className="mb-2 text-2xl font-bold">
          {t('dashboard.downloadsHeading')}
        </h2>
        <p className="mb-4 max-w-3xl">{t('dashboard.downloadsIntro')}</p>
        <ul className="mb-4 list-disc ps-6">
          {DATASETS.map((name) => (
            <li key={name}>
              <a href={download(name)}>{t(`dashboard.datasets.${name}`)}</a> <code className="text-sm">/api/open-data/{name}.csv</code>
            </li>
          ))}
          <li>
            <a href={`${ctx.basePath}/api/ocds/releases`}>{t('dashboard.ocdsFeed')}</a> <code className="text-sm">/api/ocds/releases</code>
          </li>
          <li>
            <a href={ctx.href('/open-data/ocds')}>{t('ocds.policy.title')}</a>
          </li>
        </ul>
        <p className="max-w-3xl text-muted">{t('dashboard.downloadsParams')}</p>
        <p className="mt-4">
          <a href={ctx.href('/contracts')}>{t('dashboard.contractsLink')}</a>
        </p>
      </section>
    </>
  );
}
