import { AnswerValue } from '@/modules/frameworks/answer-display';
import { applicableQuestions } from '@/modules/frameworks/answer-validation';
import { questionsOf, type TFrameworkDefinition } from '@/modules/frameworks/definition-schema';
import { formatDate, type FormatSettings } from '@/modules/i18n/format';
import type { TFunction } from '@/modules/i18n/server';
import type { OpportunityStatus } from './status';

const TAG_STYLE: Record<OpportunityStatus, string> = {
  draft: 'border-ink',
  live: 'border-brand bg-brand text-brand-text',
  closed: 'border-ink',
  withdrawn: 'border-ink',
  cancelled: 'border-ink',
  unsuccessful: 'border-ink',
  awarded: 'border-ink bg-ink text-white',
};

export function StatusTag({ status, t }: { status: OpportunityStatus; t: TFunction }) {
  return <strong className={`inline-block border-2 px-2 py-0.5 text-sm ${TAG_STYLE[status]}`}>{t(`opportunities.status.${status}`)}</strong>;
}

export function OpportunityDates(props: {
  o: { publishedAt: Date | null; questionsCloseAt: Date | null; closesAt: Date | null };
  t: TFunction;
  fmt: FormatSettings;
}) {
  const { o, t, fmt } = props;
  if (!o.publishedAt || !o.closesAt) return null;
  const rows: [string, Date | null][] = [
    [t('opportunities.publishedOn'), o.publishedAt],
    [t('opportunities.questionsCloseOn'), o.questionsCloseAt],
    [t('opportunities.closesOn'), o.closesAt],
  ];
  return (
    <dl className="mb-8 grid max-w-2xl gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
      {rows.map(([label, date]) => (
        <div key={label} className="contents">
          <dt className="font-bold">{label}</dt>
          <dd>{date ? formatDate(date, fmt, 'dateTime') : '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The opportunity's answers, section by section, rendered from the framework definition. */
export function OpportunityAnswers(props: {
  def: TFrameworkDefinition;
  lot: string;
  answers: Record<string, unknown>;
  t: TFunction;
  locale: string;
  fallback: string;
  fmt: FormatSettings;
  L: (text: Partial<Record<string, string>>) => string;
}) {
  const { def, lot, answers, t, locale, fallback, fmt, L } = props;
  const applicable = new Set(applicableQuestions(def, 'opportunity', lot).map((q) => q.id));
  return (
    <>
      {def.questionSets.opportunity.map((section) => {
        const rows = questionsOf([section])
          .map((q) => q.question)
          .filter((q) => applicable.has(q.id) && q.id !== 'title' && answers[q.id] !== undefined && q.type !== 'upload');
        if (rows.length === 0) return null;
        return (
          <section key={section.slug} aria-labelledby={`s-${section.slug}`} className="mb-8">
            <h2 id={`s-${section.slug}`} className="mb-2 text-2xl font-bold">
              {L(section.name)}
            </h2>
            <dl className="divide-y divide-rule border-y border-rule">
              {rows.map((q) => (
                <div key={q.id} className="grid gap-2 py-2 md:grid-cols-[1fr_2fr]">
                  <dt className="font-bold">{L(q.label)}</dt>
                  <dd>
                    <AnswerValue question={q} value={answers[q.id]} t={t} locale={locale} fallback={fallback} fmt={fmt} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </>
  );
}
