/** The weekly pulse survey (at most once a week, dismissable): benefit, time saved this week, comfort. */
import { useState } from 'react';
import { Button, Card, Field, Radio, RadioGroup, Select, Subtitle2 } from '@fluentui/react-components';
import { TIME_SAVED } from '../core/metrics/events';
import { useT, type MessageKey } from './i18n';

export interface SurveyAnswer {
  benefit: boolean;
  timeSaved: (typeof TIME_SAVED)[number];
  comfort: number;
}

export interface SurveyProps {
  onSubmit(answer: SurveyAnswer): void;
  onDismiss(): void;
}

export function Survey(props: SurveyProps) {
  const t = useT();
  const [benefit, setBenefit] = useState<'yes' | 'no' | ''>('');
  const [timeSaved, setTimeSaved] = useState<SurveyAnswer['timeSaved']>('0');
  const [comfort, setComfort] = useState('');
  const complete = benefit !== '' && comfort !== '';
  return (
    <Card role="region" aria-label={t('survey.title')} data-testid="survey">
      <Subtitle2 as="h2">{t('survey.title')}</Subtitle2>
      <Field label={t('survey.benefit')}>
        <RadioGroup layout="horizontal" value={benefit} data-testid="survey-benefit" onChange={(_e, d) => setBenefit(d.value as 'yes' | 'no')}>
          <Radio value="yes" label={t('survey.yes')} />
          <Radio value="no" label={t('survey.no')} />
        </RadioGroup>
      </Field>
      <Field label={t('survey.timeSaved')}>
        <Select value={timeSaved} onChange={(_e, d) => setTimeSaved(d.value as SurveyAnswer['timeSaved'])}>
          {TIME_SAVED.map((v) => (
            <option key={v} value={v}>
              {t(`survey.time.${v}` as MessageKey)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('survey.comfort')} hint={`1 = ${t('survey.scale1')}, 5 = ${t('survey.scale5')}`}>
        <RadioGroup layout="horizontal" value={comfort} data-testid="survey-comfort" onChange={(_e, d) => setComfort(d.value)}>
          {['1', '2', '3', '4', '5'].map((v) => (
            <Radio key={v} value={v} label={v} />
          ))}
        </RadioGroup>
      </Field>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button appearance="primary" disabled={!complete} data-testid="survey-send" onClick={() => props.onSubmit({ benefit: benefit === 'yes', timeSaved, comfort: Number(comfort) })}>
          {t('survey.send')}
        </Button>
        <Button onClick={props.onDismiss} data-testid="survey-dismiss">
          {t('survey.dismiss')}
        </Button>
      </div>
    </Card>
  );
}
