import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZFrameworkDefinition, questionsOf, type TFrameworkDefinitionInput } from '@/modules/frameworks/definition-schema';
import { deriveSearchFilters } from '@/modules/frameworks/search-filters';
import { smallDefinition } from '../fixtures/frameworks/small-definition';

function issuesOf(input: unknown) {
  const result = ZFrameworkDefinition.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('framework definition meta-schema', () => {
  it('accepts a definition that uses every question type', () => {
    expect(ZFrameworkDefinition.safeParse(smallDefinition()).success).toBe(true);
  });

  for (const template of ['catalogue', 'opportunities']) {
    it(`accepts the shipped ${template} template, with dozens of questions in four languages`, () => {
      const raw = JSON.parse(readFileSync(`modules/frameworks/templates/${template}.json`, 'utf8'));
      const parsed = ZFrameworkDefinition.parse(raw);
      const services = questionsOf(parsed.questionSets.services);
      const declaration = questionsOf(parsed.questionSets.declaration);
      expect(services.length).toBeGreaterThanOrEqual(20);
      expect(declaration.length).toBeGreaterThanOrEqual(12);
      for (const { question } of [...services, ...declaration]) {
        expect(Object.keys(question.label).sort(), question.id).toEqual(expect.arrayContaining(['cy', 'en', 'es', 'fr']));
      }
    });
  }

  it('rejects weights that do not add up to 100', () => {
    const def = { ...smallDefinition(), scoring: { technical: 50, cultural: 20, price: 20 } };
    expect(issuesOf(def)).toContainEqual({ path: 'scoring', message: 'definition.weightsNot100' });
  });

  it('requires weights when a lot is awarded by further competition', () => {
    const { scoring: _omit, ...def } = smallDefinition();
    expect(issuesOf(def)).toContainEqual({ path: 'scoring', message: 'definition.scoringRequired' });
  });

  it('points at the exact place of a broken reference', () => {
    const def = smallDefinition() as TFrameworkDefinitionInput & { questionSets: { services: { questions: Record<string, unknown>[] }[] } };
    def.questionSets.services[0]!.questions[5]!.lots = ['no-such-lot'];
    def.questionSets.services[0]!.questions[3]!.followups = { missingChild: ['abroad'] };
    const issues = issuesOf(def);
    expect(issues).toContainEqual({ path: 'questionSets.services.0.questions.5.lots', message: 'definition.unknownLot' });
    expect(issues).toContainEqual({ path: 'questionSets.services.0.questions.3.followups.missingChild', message: 'definition.unknownFollowup' });
  });

  it('rejects duplicate question ids, filters on free text, unknown pass values and rules on missing questions', () => {
    const def = structuredClone(smallDefinition()) as unknown as {
      questionSets: { services: { questions: Record<string, unknown>[] }[]; declaration: { questions: Record<string, unknown>[] }[] };
      rules: Record<string, unknown>[];
    };
    def.questionSets.services[0]!.questions[1]!.id = 'serviceName';
    def.questionSets.services[0]!.questions[2]!.filter = true;
    def.questionSets.declaration[0]!.questions[0]!.assessment = { passIfIn: ['maybe'] };
    def.rules[0]!.greater = 'nothing';
    const messages = issuesOf(def).map((i) => `${i.path} ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'questionSets.services.0.questions.1.id definition.duplicateQuestion',
        'questionSets.services.0.questions.2.filter definition.filterNeedsOptions',
        'questionSets.declaration.0.questions.0.assessment.passIfIn definition.unknownOption',
        'rules.0 definition.unknownQuestion',
      ]),
    );
  });

  it('rejects a follow-up child that is not marked follow-up only, and unknown question types', () => {
    const def = structuredClone(smallDefinition()) as unknown as { questionSets: { services: { questions: Record<string, unknown>[] }[] } };
    def.questionSets.services[0]!.questions[4]!.followupOnly = false;
    expect(issuesOf(def).map((i) => i.message)).toContain('definition.followupNotMarked');
    def.questionSets.services[0]!.questions[4]!.type = 'colour-picker';
    expect(issuesOf(def).some((i) => i.path.startsWith('questionSets.services.0.questions.4'))).toBe(true);
  });
});

describe('search filters come from the definition', () => {
  it('lists the filter questions that apply to a lot', () => {
    const def = ZFrameworkDefinition.parse(smallDefinition());
    expect(deriveSearchFilters(def, 'hosting').map((f) => [f.questionId, f.kind])).toEqual([
      ['dataLocation', 'single'],
      ['categories', 'multi'],
      ['freeTrial', 'boolean'],
    ]);
    expect(deriveSearchFilters(def, 'specialists').map((f) => f.questionId)).toEqual(['dataLocation', 'freeTrial']);
  });
});

describe('answer patterns are safe to run', () => {
  it('refuses patterns that do not compile or repeat a repetition (catastrophic backtracking)', async () => {
    const { isSafePattern } = await import('@/modules/frameworks/definition-schema');
    for (const bad of ['(a+)+b', '(a*)*', '(\\w+\\s?)+$', '(', '(a)\\1']) expect(isSafePattern(bad), bad).toBe(false);
    for (const good of ['[0-9]{8}', '[^\\s@]+@[^\\s@]+\\.[^\\s@]+', 'https://\\S+', '(ab)+', '(GB|NI)[0-9]{6}']) expect(isSafePattern(good), good).toBe(true);
  });
});
