import type { DashboardSpec } from '../model.js';

const sel = '{sloth_slo=~"$slo"}';

/** Burn rates and error budget from the Sloth-compatible series of prometheus/rules/slo.rules.yml. */
export const sloBudget: DashboardSpec = {
  uid: 'faultline-slo',
  title: 'Faultline / SLOs and error budget',
  question: 'Are we within our SLOs, how fast is the budget burning, and how much is left?',
  tags: ['faultline', 'slo'],
  annotationTags: ['faultline-fault'],
  variables: [{ name: 'slo', label: 'SLO', query: 'label_values(slo:objective:ratio, sloth_slo)' }],
  rows: [
    {
      title: 'Budget',
      panels: [
        {
          title: 'Error budget remaining (30 d)',
          description: '1 − period burn rate: the share of the 30-day error budget not yet spent.',
          kind: 'stat',
          unit: 'percentunit',
          queries: [{ expr: `slo:period_error_budget_remaining:ratio${sel}`, legend: '{{sloth_slo}}' }],
        },
        {
          title: 'Firing SLO alerts',
          description: 'Burn-rate alerts firing now (page or ticket).',
          kind: 'stat',
          unit: 'short',
          queries: [{ expr: 'count(ALERTS{alertstate="firing", sloth_slo!=""}) or vector(0)' }],
        },
      ],
    },
    {
      title: 'Burn rates',
      panels: [
        {
          title: 'Current burn rate (5 m)',
          description: 'Error ratio over 5 minutes ÷ error budget; 1 spends the budget exactly over 30 days.',
          kind: 'timeseries',
          unit: 'short',
          queries: [{ expr: `slo:current_burn_rate:ratio${sel}`, legend: '{{sloth_slo}}' }],
        },
        {
          title: 'Burn rate by alert window',
          description: 'Error ratio ÷ budget over the page (1 h, 6 h) and ticket (1 d, 3 d) long windows.',
          kind: 'timeseries',
          unit: 'short',
          queries: ['1h', '6h', '1d', '3d'].map((w) => ({
            expr: `slo:sli_error:ratio_rate${w}${sel} / on(sloth_id) group_left slo:error_budget:ratio${sel}`,
            legend: `{{sloth_slo}} ${w}`,
          })),
        },
        {
          title: 'SLI error ratio vs objective',
          description: 'Error ratio over 1 hour against the allowed error ratio (1 − objective).',
          kind: 'timeseries',
          unit: 'percentunit',
          queries: [
            { expr: `slo:sli_error:ratio_rate1h${sel}`, legend: '{{sloth_slo}} error ratio' },
            { expr: `slo:error_budget:ratio${sel}`, legend: '{{sloth_slo}} allowed' },
          ],
        },
      ],
    },
  ],
};
