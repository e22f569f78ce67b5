import type { TFunction } from '@/modules/i18n/server';
import { WIZARD_STEPS, resumeStep, type WizardStep } from '../wizard-schema';

/** The visible list of wizard steps: done ones link back, the current one is marked, later ones wait. */
export function StepList(props: { t: TFunction; current: WizardStep; completed: readonly string[]; href: (step: WizardStep) => string }) {
  const { t } = props;
  const reachable = WIZARD_STEPS.indexOf(resumeStep(props.completed));
  return (
    <nav aria-label={t('onboarding.stepsLabel')}>
      <ol className="list-decimal space-y-2 ps-6">
        {WIZARD_STEPS.map((step, i) => {
          const label = t(`onboarding.steps.${step}`);
          const done = props.completed.includes(step);
          const status = done ? t('onboarding.stepDone') : i <= reachable ? '' : t('onboarding.stepLater');
          if (step === props.current) {
            return (
              <li key={step} aria-current="step" className="font-bold">
                {label}
                {status ? <span className="block text-sm font-normal text-muted">{status}</span> : null}
              </li>
            );
          }
          return (
            <li key={step}>
              {i <= reachable ? <a href={props.href(step)}>{label}</a> : <span className="text-muted">{label}</span>}
              {status ? <span className="block text-sm text-muted">{status}</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
