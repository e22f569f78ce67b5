import { z } from 'zod';
import { SHIPPED_LOCALES } from '@/modules/i18n/locales';

/*
 * A framework is data: this schema is the meta-schema every definition is validated against (templates,
 * admin edits, imports). Forms, server-side answer validation and search facets are all generated from it
 * (answer-validation.ts, search-filters.ts); no code names a framework.
 */

export const DEFINITION_FORMAT_VERSION = 1;

const localeCode = z.enum(SHIPPED_LOCALES);
/** Text in one or more UI languages; rendering falls back to the tenant's default, then any. */
export const ZLocalisedText = z
  .partialRecord(localeCode, z.string().trim().min(1).max(2000))
  .refine((t) => Object.keys(t).length > 0, { message: 'definition.textEmpty' });
export type TLocalisedText = z.infer<typeof ZLocalisedText>;

const identifier = z.string().regex(/^[a-z][a-zA-Z0-9]{1,63}$/, { message: 'definition.identifier' });
const slug = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, { message: 'definition.slug' });
const optionValue = z.string().min(1).max(100);

const ZOption = z.object({ value: optionValue, label: ZLocalisedText, description: ZLocalisedText.optional() });

export const PRICE_UNITS = [
  'unit', 'person', 'licence', 'user', 'device', 'instance', 'server', 'virtual-machine', 'transaction', 'megabyte',
  'gigabyte', 'terabyte',
] as const;
export const PRICE_INTERVALS = ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', '6-months', 'year'] as const;
export const UPLOAD_TYPES = ['pdf', 'odt', 'ods', 'odp', 'docx', 'xlsx', 'pptx', 'csv', 'png', 'jpg'] as const;

/** Error codes the answer validator produces; a question may override any message. */
export const ANSWER_ERROR_CODES = [
  'required', 'tooLong', 'tooManyWords', 'patternMismatch', 'notAnOption', 'tooFewItems', 'tooManyItems',
  'notANumber', 'belowMin', 'aboveMax', 'notInteger', 'invalidPrice', 'minAboveMax', 'invalidUnit', 'invalidInterval',
  'invalidDate', 'tooEarly', 'tooLate', 'itemTooLong', 'mustBeTrue', 'mustBeFalse', 'invalidUpload', 'uploadWrongType', 'uploadTooLarge', 'evidenceMissing', 'evidenceCount', 'ruleFailed',
] as const;
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];

/**
 * Answer patterns run on the shared server: they must compile, and nested quantifiers like (a+)+ (which can
 * take exponential time on a crafted answer, blocking every tenant) are refused.
 */
export function isSafePattern(pattern: string): boolean {
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return false;
  }
  return !/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{?]/.test(pattern) && !/\\\d/.test(pattern);
}

const questionBase = {
  id: identifier,
  label: ZLocalisedText,
  hint: ZLocalisedText.optional(),
  optional: z.boolean().default(false),
  /** Lots this question applies to; absent means every lot. */
  lots: z.array(slug).min(1).optional(),
  /** Other questions of the same section revealed when this answer matches: { childId: [trigger values] }. */
  followups: z.record(identifier, z.array(z.union([optionValue, z.boolean()])).min(1)).optional(),
  /** Shown only as a follow-up of another question. */
  followupOnly: z.boolean().default(false),
  /** Becomes a search facet (option questions only). */
  filter: z.boolean().default(false),
  messages: z.partialRecord(z.enum(ANSWER_ERROR_CODES), ZLocalisedText).optional(),
  /** Declaration questions: automatic assessment. */
  assessment: z
    .object({ passIfIn: z.array(z.union([optionValue, z.boolean()])).min(1), discretionary: z.boolean().default(false) })
    .optional(),
};

export const ZQuestion = z.discriminatedUnion('type', [
  z.object({
    ...questionBase,
    type: z.literal('text'),
    maxLength: z.number().int().min(1).max(2000).default(100),
    pattern: z.string().max(200).refine(isSafePattern, { message: 'definition.unsafePattern' }).optional(),
  }),
  z.object({ ...questionBase, type: z.literal('textarea'), maxWords: z.number().int().min(1).max(5000), maxLength: z.number().int().min(1).max(50_000).optional() }),
  z.object({ ...questionBase, type: z.literal('radios'), options: z.array(ZOption).min(2).max(100) }),
  z.object({
    ...questionBase,
    type: z.literal('checkboxes'),
    options: z.array(ZOption).min(1).max(200),
    minItems: z.number().int().min(0).optional(),
    maxItems: z.number().int().min(1).optional(),
  }),
  z.object({ ...questionBase, type: z.literal('boolean'), requiredValue: z.boolean().optional() }),
  z.object({
    ...questionBase,
    type: z.literal('number'),
    min: z.number().default(0),
    max: z.number().optional(),
    integerOnly: z.boolean().default(false),
    unit: ZLocalisedText.optional(),
  }),
  z.object({
    ...questionBase,
    type: z.literal('pricing'),
    maxPrice: z.enum(['none', 'optional', 'required']).default('optional'),
    units: z.array(z.enum(PRICE_UNITS)).min(1),
    intervals: z.array(z.enum(PRICE_INTERVALS)).default([]),
  }),
  z.object({
    ...questionBase,
    type: z.literal('list'),
    /**
     * A response list answered item by item against a list in the opportunity (e.g. evidence per essential
     * requirement): the form shows each requirement with its own box, and positions are kept.
     */
    pairedWith: identifier.optional(),
    minItems: z.number().int().min(0).default(0),
    maxItems: z.number().int().min(1).max(100).default(10),
    maxWordsPerItem: z.number().int().min(1).max(100).default(10),
    maxItemLength: z.number().int().min(1).max(1000).default(100),
  }),
  z.object({ ...questionBase, type: z.literal('date'), notBefore: z.iso.date().optional(), notAfter: z.iso.date().optional() }),
  z.object({
    ...questionBase,
    type: z.literal('upload'),
    accept: z.array(z.enum(UPLOAD_TYPES)).min(1),
    maxBytes: z.number().int().min(1).max(20 * 1024 * 1024).default(5 * 1024 * 1024),
  }),
]);
export type TQuestion = z.infer<typeof ZQuestion>;

/** Questions shown together on one page; answers are still stored flat under each question's id. */
export const ZMultiQuestion = z.object({
  type: z.literal('multiquestion'),
  id: identifier,
  label: ZLocalisedText,
  hint: ZLocalisedText.optional(),
  lots: z.array(slug).min(1).optional(),
  questions: z.array(ZQuestion).min(1).max(50),
});
export type TMultiQuestion = z.infer<typeof ZMultiQuestion>;

export const ZSection = z.object({
  slug,
  name: ZLocalisedText,
  description: ZLocalisedText.optional(),
  /** Declaration sections whose answers may be copied from the supplier's previous declaration. */
  prefill: z.boolean().default(false),
  questions: z.array(z.union([ZMultiQuestion, ZQuestion])).min(1).max(200),
});
export type TSection = z.infer<typeof ZSection>;

export const QUESTION_SETS = ['services', 'declaration', 'opportunity', 'response'] as const;
export type QuestionSetName = (typeof QUESTION_SETS)[number];

/** Cross-question rules, declared as data. */
export const ZRule = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('requireIf'),
    id: identifier,
    set: z.enum(QUESTION_SETS),
    if: z.object({ question: identifier, in: z.array(z.union([optionValue, z.boolean()])).min(1) }),
    then: z.array(identifier).min(1),
    message: ZLocalisedText,
  }),
  z.object({
    kind: z.literal('lessOrEqual'),
    id: identifier,
    set: z.enum(QUESTION_SETS),
    lesser: identifier,
    greater: identifier,
    message: ZLocalisedText,
  }),
  z.object({
    kind: z.literal('atLeastOne'),
    id: identifier,
    set: z.enum(QUESTION_SETS),
    questions: z.array(identifier).min(2),
    message: ZLocalisedText,
  }),
]);
export type TRule = z.infer<typeof ZRule>;

export const ZLot = z.object({
  slug,
  name: ZLocalisedText,
  description: ZLocalisedText.optional(),
  awardRoutes: z.array(z.enum(['direct_award', 'further_competition'])).min(1),
  /** A supplier may list only one service on this lot (e.g. specialists). */
  oneServicePerSupplier: z.boolean().default(false),
});

export const ZFrameworkDefinition = z
  .object({
    formatVersion: z.literal(DEFINITION_FORMAT_VERSION),
    name: ZLocalisedText,
    description: ZLocalisedText.optional(),
    lots: z.array(ZLot).min(1).max(30),
    questionSets: z.object({
      services: z.array(ZSection).default([]),
      declaration: z.array(ZSection).default([]),
      opportunity: z.array(ZSection).default([]),
      response: z.array(ZSection).default([]),
    }),
    rules: z.array(ZRule).default([]),
    /** Further competition: how responses are scored. Must add up to 100. */
    scoring: z
      .object({ technical: z.number().int().min(0).max(100), cultural: z.number().int().min(0).max(100), price: z.number().int().min(0).max(100) })
      .optional(),
    /** The services question whose answer names a service in lists (default: the first text question). */
    serviceTitleQuestion: identifier.optional(),
    /** Edits to live services wait for an administrator's approval. */
    liveEditsNeedApproval: z.boolean().default(false),
    callOffTemplate: z
      .object({
        fields: z
          .array(z.object({ id: identifier, label: ZLocalisedText, type: z.enum(['text', 'textarea', 'number', 'money', 'date']), optional: z.boolean().default(false) }))
          .min(1),
      })
      .optional(),
  })
  .superRefine(checkReferences);

export type TFrameworkDefinition = z.infer<typeof ZFrameworkDefinition>;
export type TFrameworkDefinitionInput = z.input<typeof ZFrameworkDefinition>;

/** Every question of a set, multiquestions flattened, with its path in the definition for error messages. */
export function questionsOf(sections: TSection[]): { question: TQuestion; path: (string | number)[]; section: string; lots?: string[] }[] {
  const out: { question: TQuestion; path: (string | number)[]; section: string; lots?: string[] }[] = [];
  sections.forEach((section, s) =>
    section.questions.forEach((entry, q) => {
      if (entry.type === 'multiquestion') {
        entry.questions.forEach((question, m) =>
          out.push({ question, path: [s, 'questions', q, 'questions', m], section: section.slug, lots: question.lots ?? entry.lots }),
        );
      } else {
        out.push({ question: entry, path: [s, 'questions', q], section: section.slug, lots: entry.lots });
      }
    }),
  );
  return out;
}

const OPTION_TYPES = new Set(['radios', 'checkboxes', 'boolean']);

/** What JSON Schema cannot say: references resolve, ids are unique, filters and assessments make sense. */
function checkReferences(def: z.infer<typeof ZFrameworkDefinition>, ctx: z.RefinementCtx): void {
  const lotSlugs = new Set(def.lots.map((l) => l.slug));
  if (lotSlugs.size !== def.lots.length) ctx.addIssue({ code: 'custom', path: ['lots'], message: 'definition.duplicateLot' });

  const idsBySet = new Map<string, Map<string, TQuestion>>();
  for (const set of QUESTION_SETS) {
    const ids = new Map<string, TQuestion>();
    idsBySet.set(set, ids);
    const flat = questionsOf(def.questionSets[set]);
    for (const { question, path, section, lots } of flat) {
      const at = ['questionSets', set, ...path];
      if (ids.has(question.id)) ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: 'definition.duplicateQuestion', params: { id: question.id } });
      ids.set(question.id, question);
      for (const lot of lots ?? []) {
        if (!lotSlugs.has(lot)) ctx.addIssue({ code: 'custom', path: [...at, 'lots'], message: 'definition.unknownLot', params: { lot } });
      }
      if (question.filter && !OPTION_TYPES.has(question.type)) {
        ctx.addIssue({ code: 'custom', path: [...at, 'filter'], message: 'definition.filterNeedsOptions' });
      }
      const values: (string | boolean)[] | null =
        'options' in question ? question.options.map((o) => o.value) : question.type === 'boolean' ? [true, false] : null;
      if ('options' in question && new Set(values).size !== values!.length) {
        ctx.addIssue({ code: 'custom', path: [...at, 'options'], message: 'definition.duplicateOption' });
      }
      const checkValues = (list: (string | boolean)[], where: (string | number)[]) => {
        for (const v of list) {
          if (!values || !values.includes(v)) ctx.addIssue({ code: 'custom', path: where, message: 'definition.unknownOption', params: { value: String(v) } });
        }
      };
      if (question.assessment) {
        if (set !== 'declaration') ctx.addIssue({ code: 'custom', path: [...at, 'assessment'], message: 'definition.assessmentOutsideDeclaration' });
        checkValues(question.assessment.passIfIn, [...at, 'assessment', 'passIfIn']);
      }
      for (const [child, triggers] of Object.entries(question.followups ?? {})) {
        checkValues(triggers, [...at, 'followups', child]);
        const target = flat.find((f) => f.question.id === child);
        if (!target || target.section !== section) {
          ctx.addIssue({ code: 'custom', path: [...at, 'followups', child], message: 'definition.unknownFollowup', params: { id: child } });
        } else if (!target.question.followupOnly) {
          ctx.addIssue({ code: 'custom', path: [...at, 'followups', child], message: 'definition.followupNotMarked', params: { id: child } });
        } else if (child === question.id) {
          ctx.addIssue({ code: 'custom', path: [...at, 'followups', child], message: 'definition.followupCycle', params: { id: child } });
        }
      }
    }
  }

  def.rules.forEach((rule, r) => {
    const ids = idsBySet.get(rule.set)!;
    const refs = rule.kind === 'requireIf' ? [rule.if.question, ...rule.then] : rule.kind === 'lessOrEqual' ? [rule.lesser, rule.greater] : rule.questions;
    for (const ref of refs) {
      if (!ids.has(ref)) ctx.addIssue({ code: 'custom', path: ['rules', r], message: 'definition.unknownQuestion', params: { id: ref } });
    }
    if (rule.kind === 'lessOrEqual') {
      for (const ref of [rule.lesser, rule.greater]) {
        const q = ids.get(ref);
        if (q && q.type !== 'number' && q.type !== 'pricing' && q.type !== 'date') {
          ctx.addIssue({ code: 'custom', path: ['rules', r], message: 'definition.ruleNeedsComparable', params: { id: ref } });
        }
      }
    }
  });

  if (def.scoring) {
    const total = def.scoring.technical + def.scoring.cultural + def.scoring.price;
    if (total !== 100) ctx.addIssue({ code: 'custom', path: ['scoring'], message: 'definition.weightsNot100', params: { total: String(total) } });
  }
  const furtherCompetition = def.lots.some((l) => l.awardRoutes.includes('further_competition'));
  if (furtherCompetition && !def.scoring) {
    ctx.addIssue({ code: 'custom', path: ['scoring'], message: 'definition.scoringRequired' });
  }
}

/** A service's display name from its answers, as the definition says. */
export function serviceTitleQuestionId(def: TFrameworkDefinition): string | undefined {
  return def.serviceTitleQuestion ?? questionsOf(def.questionSets.services).find((q) => q.question.type === 'text')?.question.id;
}

export function serviceTitle(def: TFrameworkDefinition, answers: Record<string, unknown>): string | null {
  const id = serviceTitleQuestionId(def);
  const value = id ? answers[id] : undefined;
  return typeof value === 'string' && value.trim() ? value : null;
}
