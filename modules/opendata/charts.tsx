/*
 * Charts drawn on the server as SVG: useful without JavaScript, printable, and readable by assistive technology
 * through the title, the description and the data table that always sits beside each chart. Bars use the tenant's
 * secondary colour, which the tenant config guarantees at 4.5:1 or more on white. In right-to-left locales the
 * geometry is mirrored (labels on the right, bars and time growing leftwards).
 */

export interface ChartDatum {
  key: string;
  label: string;
  value: number;
  /** The value as people read it (formatted money, percent...). */
  display: string;
}

const BAR = 'var(--brand-secondary)';
const INK = '#0b0c0c';
const MUTED = '#484949';

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Horizontal bars, one per row in the given order (rank them before), with an optional target line. */
export function BarChart(props: {
  id: string;
  title: string;
  description: string;
  data: ChartDatum[];
  rtl: boolean;
  /** Scale maximum; defaults to the largest value. */
  max?: number;
  target?: { value: number; label: string };
}) {
  const width = 640;
  const labelWidth = 230;
  const valueWidth = 120;
  const rowHeight = 34;
  const top = props.target ? 28 : 8;
  const height = top + props.data.length * rowHeight + 8;
  const max = props.max ?? Math.max(0, ...props.data.map((d) => d.value));
  const plot = width - labelWidth - valueWidth;
  const scale = (v: number) => (max > 0 ? (Math.max(0, v) / max) * plot : 0);
  // Mirror x for right-to-left: a position measured from the start edge.
  const x = (fromStart: number) => (props.rtl ? width - fromStart : fromStart);
  const dir = props.rtl ? 'rtl' : 'ltr';
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${props.id}-title ${props.id}-desc`}
      className="mb-4 max-w-3xl"
      data-chart={props.id}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>{props.description}</desc>
      {props.data.map((d, i) => {
        const y = top + i * rowHeight;
        const w = scale(d.value);
        return (
          <g key={d.key} data-key={d.key} data-value={d.value}>
            <text x={x(labelWidth - 8)} y={y + 21} textAnchor="end" direction={dir} fontSize="14" fill={INK}>
              {truncate(d.label, 24)}
            </text>
            <rect x={props.rtl ? width - labelWidth - w : labelWidth} y={y + 5} width={w} height={rowHeight - 10} fill={BAR} />
            <text x={x(labelWidth + w + 6)} y={y + 21} textAnchor="start" direction={dir} fontSize="14" fill={INK}>
              {d.display}
            </text>
          </g>
        );
      })}
      {props.target ? (
        <g data-target={props.target.value}>
          <line
            x1={x(labelWidth + scale(props.target.value))}
            x2={x(labelWidth + scale(props.target.value))}
            y1={top - 6}
            y2={height - 4}
            stroke={INK}
            strokeWidth="2"
            strokeDasharray="6 4"
          />
          <text x={x(labelWidth + scale(props.target.value))} y={16} textAnchor="middle" direction={dir} fontSize="13" fill={INK}>
            {props.target.label}
          </text>
        </g>
      ) : null}
      <line x1={x(labelWidth)} x2={x(labelWidth)} y1={top - 4} y2={height - 4} stroke={MUTED} strokeWidth="1" />
    </svg>
  );
}

/** Columns over time, oldest at the start edge; every nth label shown so they never overlap. */
export function ColumnChart(props: { id: string; title: string; description: string; data: ChartDatum[]; rtl: boolean; axisLabel: (v: number) => string }) {
  const width = 640;
  const height = 280;
  const left = 84;
  const right = 12;
  const top = 12;
  const bottom = 48;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(0, ...props.data.map((d) => d.value));
  const n = Math.max(1, props.data.length);
  const slot = plotW / n;
  const barW = Math.max(2, Math.min(48, slot * 0.7));
  const every = Math.ceil(n / 8);
  const x = (fromStart: number) => (props.rtl ? width - fromStart : fromStart);
  const dir = props.rtl ? 'rtl' : 'ltr';
  const ticks = max > 0 ? [0, 0.5, 1].map((f) => f * max) : [0];
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${props.id}-title ${props.id}-desc`} className="mb-4 max-w-3xl" data-chart={props.id}>
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>{props.description}</desc>
      {ticks.map((v) => {
        const y = top + plotH - (max > 0 ? (v / max) * plotH : 0);
        return (
          <g key={v}>
            <line x1={x(left)} x2={x(width - right)} y1={y} y2={y} stroke="#b1b4b6" strokeWidth="1" />
            <text x={x(left - 6)} y={y + 4} textAnchor="end" direction={dir} fontSize="12" fill={INK}>
              {props.axisLabel(v)}
            </text>
          </g>
        );
      })}
      {props.data.map((d, i) => {
        const h = max > 0 ? (Math.max(0, d.value) / max) * plotH : 0;
        const centre = left + slot * i + slot / 2;
        return (
          <g key={d.key} data-key={d.key} data-value={d.value}>
            <rect x={x(centre) - barW / 2} y={top + plotH - h} width={barW} height={h} fill={BAR}>
              <title>{`${d.label}: ${d.display}`}</title>
            </rect>
            {i % every === 0 ? (
              <text x={x(centre)} y={height - bottom + 18} textAnchor="middle" direction={dir} fontSize="12" fill={INK}>
                {d.label}
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={x(left)} x2={x(width - right)} y1={top + plotH} y2={top + plotH} stroke={MUTED} strokeWidth="1" />
    </svg>
  );
}

/** The data table beside every chart; rows carry the same keys and values as the bars (tests compare them). */
export function DataTable(props: {
  caption: string;
  headers: string[];
  rows: { key: string; value?: number; cells: (string | number)[] }[];
}) {
  return (
    <div className="mb-4 overflow-x-auto">
      <table className="w-full max-w-3xl border-collapse">
        <caption className="mb-2 text-start font-bold">{props.caption}</caption>
        <thead>
          <tr className="border-b-2 border-ink">
            {props.headers.map((h, i) => (
              <th key={h} scope="col" className={`p-2 ${i === 0 ? 'text-start' : 'text-end'}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key} className="border-b border-rule" data-key={row.key} data-value={row.value}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="p-2 text-start font-normal">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className="p-2 text-end tabular-nums">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
