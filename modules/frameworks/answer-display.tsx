import { formatDate, formatMoney, formatNumber, type FormatSettings } from '@/modules/i18n/format';
import { localised } from '@/modules/i18n/localised';
import type { TFunction } from '@/modules/i18n/server';
import type { TQuestion } from './definition-schema';

/** An answer rendered for reading, from the definition, in the viewer's language and the tenant's currency. */
/** basePath: where the tenant's pages are mounted; given, an uploaded document becomes its download link. */
export function AnswerValue(props: { question: TQuestion; value: unknown; t: TFunction; locale: string; fallback: string; fmt: FormatSettings; basePath?: string; pairedItems?: string[] }) {
  const { question: q, value, t, locale, fallback, fmt, basePath, pairedItems } = props;
  if (value === undefined || value === null) return null;
  if (q.type === 'list' && pairedItems) {
    // Evidence read beside the requirement it answers.
    const items = value as string[];
    return (
      <ol className="space-y-2">
        {pairedItems.map((requirement, i) => (
          <li key={i}>
            <span className="font-bold">{t('forms.requirement', { number: i + 1 })}</span> {requirement}
            <p className="ms-4 whitespace-pre-line">{items[i]?.trim() ? items[i] : <span className="text-muted">{t('forms.noEvidence')}</span>}</p>
          </li>
        ))}
      </ol>
    );
  }
  const optionLabel = (v: unknown) => ('options' in q ? localised(q.options.find((o) => o.value === v)?.label, locale, fallback) || String(v) : String(v));
  switch (q.type) {
    case 'boolean':
      return <>{value ? t('forms.yes') : t('forms.no')}</>;
    case 'radios':
      return <>{optionLabel(value)}</>;
    case 'checkboxes':
    case 'list': {
      const items = (value as unknown[]).map((v) => (q.type === 'checkboxes' ? optionLabel(v) : String(v)));
      return (
        <ul className="list-disc ps-6">
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    }
    case 'number':
      return <>{formatNumber(value as number, fmt)}{q.unit ? ` ${localised(q.unit, locale, fallback)}` : ''}</>;
    case 'pricing': {
      const p = value as { min: string; max?: string; unit: string; interval?: string };
      const range = p.max ? `${formatMoney(Number(p.min), fmt)} – ${formatMoney(Number(p.max), fmt)}` : formatMoney(Number(p.min), fmt);
      const per = [t(`forms.units.${p.unit}`), p.interval ? t(`forms.intervals.${p.interval}`) : null].filter(Boolean).join(' / ');
      return <>{t('catalogue.pricePer', { price: range, per })}</>;
    }
    case 'date':
      return <>{formatDate(new Date(`${value as string}T12:00:00Z`), fmt)}</>;
    case 'upload': {
      const file = value as { fileId: string; name: string; type: string; bytes: number };
      const size = t('forms.uploadSize', { type: file.type.toUpperCase(), size: `${formatNumber(Math.max(1, Math.round(file.bytes / 1024)), fmt)} KB` });
      if (basePath === undefined) return <>{file.name} ({size})</>;
      return (
        <>
          <a href={`${basePath}/api/documents/${file.fileId}`} download={file.name}>{file.name}</a> ({size})
        </>
      );
    }
    default:
      return <span className="whitespace-pre-line">{String(value)}</span>;
  }
}
