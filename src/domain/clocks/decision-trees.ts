/**
 * The decision trees (reference notes §b: B2–B9), one function per rule pack. Each decides from
 * the facts which rules apply, which do not and why, and which facts are missing; it never reads
 * the clock except through `ctx.nowMs`.
 *
 * Missing facts never hide a deadline: when a missing fact decides whether an obligation
 * applies, the tree assumes the value under which it applies (the earliest deadline), marks the
 * obligation provisional and lists the fact in missingFacts with the assumption. A pack with
 * neither its trigger nor its classification facts is "not engaged" (code no-facts).
 */
import type { EvaluationContext, Obligation, ResolvedTime } from './context.ts';
import { formatDate, formatInstant, localDateOf } from './zoned-time.ts';

type Tree = (ctx: EvaluationContext) => void;

const iso = formatInstant;

function inMarket(ctx: EvaluationContext, market: 'US' | 'EU'): boolean {
  return ctx.facts.product.markets.includes(market);
}

/** B2/B3: POST16 controlled vs uncontrolled, the four conditions and Part 806. */
const fdaPostmarket: Tree = (ctx) => {
  const { facts } = ctx;
  const a = facts.assessment ?? {};
  if (!inMarket(ctx, 'US')) return ctx.allNotApplicable('out-of-scope', 'The product is not marketed in the US (product.markets).');
  if (facts.product.kind !== 'device') return ctx.allNotApplicable('out-of-scope', 'POST16 and Part 806 apply to medical devices; the product is not a device.');
  const aware = ctx.event('becameAware');
  const initiated = ctx.event('correctionInitiated');
  if (!a.risk && !aware && !initiated) {
    return ctx.allNotApplicable('no-facts', 'No vulnerability recorded (needs events.becameAware and assessment.risk).');
  }
  const assumptions: string[] = [];
  let risk = a.risk;
  if (!risk) {
    risk = 'uncontrolled';
    assumptions.push('assessment.risk assumed uncontrolled');
    ctx.need('assessment.risk', ['fda-806-report', 'fda-post16-customer-communication', 'fda-post16-fix-distributed'], 'B2.6: the binary controlled/uncontrolled determination decides whether Part 806 can apply.', 'uncontrolled');
    ctx.step('B2.6', 'Risk of patient harm not determined yet; assuming uncontrolled until it is.');
  }
  if (risk === 'controlled') {
    ctx.step('B3.1', 'Controlled risk: the update is a routine update (enhancement), not reportable under Part 806. Record the rationale.');
    return ctx.allNotApplicable('not-triggered', 'Controlled risk: cybersecurity routine update, generally not reportable under 806 (POST16 §VII.A; 806.1(b)).');
  }
  ctx.step('B2.9', 'Uncontrolled risk: inform customers, remediate, and decide 806 reporting (B3).');

  // Conditions 2 and 3 are time-bound: their deadlines count from learning of the vulnerability.
  if (!aware) ctx.need('events.becameAware', ['fda-post16-customer-communication', 'fda-post16-fix-distributed'], 'POST16 30/60-day marks count from learning of the vulnerability.');
  const c2 = ctx.obligation('fda-post16-customer-communication', { trigger: aware, fulfilledBy: [ctx.event('customersNotified')], assumptions });
  const c3 = ctx.obligation('fda-post16-fix-distributed', { trigger: aware, fulfilledBy: [ctx.event('fixDistributed')], assumptions });

  const ids806 = ['fda-806-report', 'fda-806-amendment', 'fda-806-20-record'];
  if (a.reportedUnder803Or1004) {
    ctx.step('B3.2', 'Correction already reported under Part 803 or 1004: no separate 806 report (806.10(f)).');
    return ctx.allNotApplicable('exempt', 'Already reported under 21 CFR 803 or 1004 (806.10(f)).', ids806);
  }

  type Cond = { name: string; state: 'met' | 'failed' | 'open' | 'unknown'; text: string; decidedAt?: number };
  const timeCondition = (name: string, o: Obligation | undefined, days: number, what: string): Cond => {
    if (!o) return { name, state: 'unknown', text: `${name}: rule switched off; cannot be shown met` };
    if (!o.dueAt) return { name, state: 'unknown', text: `${name}: learning date unknown` };
    const due = Date.parse(o.dueAt);
    if (o.status === 'fulfilled') {
      return o.late
        ? { name, state: 'failed', text: `${name}: ${what} on ${o.fulfilledAt}, after day ${days} (${o.dueLocal})` }
        : { name, state: 'met', text: `${name}: ${what} on ${o.fulfilledAt}, within ${days} days` };
    }
    if (ctx.nowMs > due) return { name, state: 'failed', text: `${name}: day ${days} (${o.dueLocal}) passed without ${what}`, decidedAt: due + 1 };
    return { name, state: 'open', text: `${name}: ${what} still possible until ${o.dueLocal}`, decidedAt: due + 1 };
  };
  const c1: Cond =
    a.knownSeriousAdverseEvents === undefined
      ? { name: 'C1', state: 'unknown', text: 'C1: whether serious adverse events or deaths are known is not recorded' }
      : a.knownSeriousAdverseEvents
        ? { name: 'C1', state: 'failed', text: 'C1: serious adverse events or deaths are known' }
        : { name: 'C1', state: 'met', text: 'C1: no known serious adverse events or deaths' };
  if (c1.state === 'unknown') ctx.need('assessment.knownSeriousAdverseEvents', ['fda-806-report'], 'B3.3 condition 1 of the enforcement-discretion policy.', 'condition not established');
  const c4: Cond =
    facts.organisation?.isaoActiveParticipant === undefined
      ? { name: 'C4', state: 'unknown', text: 'C4: active ISAO participation is not recorded' }
      : facts.organisation.isaoActiveParticipant
        ? { name: 'C4', state: 'met', text: 'C4: active ISAO participant (share the customer communication with the ISAO)' }
        : { name: 'C4', state: 'failed', text: 'C4: not an active ISAO participant' };
  if (c4.state === 'unknown') ctx.need('organisation.isaoActiveParticipant', ['fda-806-report'], 'B3.3 condition 4 of the enforcement-discretion policy.', 'condition not established');
  const conds = [c1, timeCondition('C2', c2, 30, 'customer communication'), timeCondition('C3', c3, 60, 'distributed fix'), c4];
  for (const c of conds) ctx.step('B3.3', c.text);

  const failed = conds.filter((c) => c.state === 'failed');
  const unknown = conds.filter((c) => c.state === 'unknown');
  const open = conds.filter((c) => c.state === 'open');
  if (failed.length === 0 && unknown.length === 0 && open.length === 0) {
    ctx.step('B3.4', 'All four conditions met: FDA does not intend to enforce 806 reporting. Keep an 806.20 record.');
    ctx.notApplicable('fda-806-report', 'exempt', 'All four POST16 §VII.B conditions are met (enforcement discretion).');
    ctx.notApplicable('fda-806-amendment', 'exempt', 'No 806 report, so no amendment.');
    ctx.obligation('fda-806-20-record', { trigger: ctx.earliest(initiated, ctx.event('customersNotified'), ctx.event('fixDistributed')) });
    return;
  }
  if (failed.length === 0 && unknown.length === 0) {
    const next = Math.min(...open.map((c) => c.decidedAt!));
    ctx.step('B3.5', `Exemption still achievable; the 806 report becomes required if ${open.map((c) => c.name).join(' or ')} is missed (next check ${iso(next)}).`);
    ctx.notApplicable('fda-806-report', 'exemption-pending', `Not required while the POST16 conditions can still be met: ${open.map((c) => c.text).join('; ')}.`, next);
    ctx.notApplicable('fda-806-amendment', 'exemption-pending', 'Follows the 806 report.', next);
    ctx.notApplicable('fda-806-20-record', 'exemption-pending', 'Needed only if the exemption holds.', next);
    return;
  }
  const reportAssumptions = [...assumptions];
  if (failed.length > 0) {
    ctx.step('B3.5', `Enforcement-discretion exemption lost: ${failed.map((c) => c.text).join('; ')}. 806 report due 10 working days after initiating the correction.`);
  } else {
    for (const c of unknown) reportAssumptions.push(`${c.name} assumed not met`);
    ctx.step('B3.5', `Exemption not established (${unknown.map((c) => c.name).join(', ')} unknown); treating the 806 report as required until shown otherwise.`);
  }
  ctx.notApplicable('fda-806-20-record', 'superseded', 'The correction is reported under 806.10, so no 806.20 unreported-action record is needed.');

  // What initiates a correction is not defined in Part 806 (open question 4): default to the
  // earliest external communication or field action when no initiation date is recorded.
  let trigger: ResolvedTime | undefined = initiated;
  if (!trigger) {
    const fallback = ctx.earliest(ctx.event('customersNotified'), ctx.event('fixDistributed'));
    ctx.need('events.correctionInitiated', ['fda-806-report'], '806.10(b): the 10 working days run from initiating the correction or removal.', fallback ? `earliest of customersNotified/fixDistributed (${iso(fallback.ms)})` : undefined);
    if (fallback) {
      trigger = fallback;
      reportAssumptions.push(`correction initiated assumed at ${fallback.fact}`);
    }
  }
  ctx.obligation('fda-806-report', { trigger, assumptions: reportAssumptions });
  const extensions = ctx.eventList('correctionExtended');
  if (extensions.length === 0) ctx.notApplicable('fda-806-amendment', 'not-triggered', 'No extension of the correction recorded (events.correctionExtended).');
  extensions.forEach((t, i) => {
    ctx.step('B3.6', `Correction extended on ${iso(t.ms)}: amendment due 10 working days later.`);
    ctx.obligation('fda-806-amendment', { instance: i + 1, trigger: t, assumptions: reportAssumptions });
  });
};

/** B4: 21 CFR 803 (MDR). */
const fdaMdr: Tree = (ctx) => {
  const a = ctx.facts.assessment ?? {};
  if (!inMarket(ctx, 'US')) return ctx.allNotApplicable('out-of-scope', 'The product is not marketed in the US (product.markets).');
  if (ctx.facts.product.kind !== 'device') return ctx.allNotApplicable('out-of-scope', 'Part 803 applies to medical devices; the product is not a device.');
  const eventAware = ctx.event('adverseEventAware');
  const aware = ctx.event('becameAware');
  if (!a.adverseEvent && !eventAware && !aware) return ctx.allNotApplicable('no-facts', 'No event recorded (needs assessment.adverseEvent and events.adverseEventAware).');
  if (a.adverseEvent === 'none') {
    ctx.step('B4.3', 'No death, serious injury or reportable malfunction: not an MDR event (handled through B2/B3).');
    return ctx.allNotApplicable('not-triggered', 'No information reasonably suggesting a death, serious injury or reportable malfunction (803.50(a)).');
  }
  const assumptions: string[] = [];
  if (!a.adverseEvent) {
    assumptions.push('assessment.adverseEvent assumed reportable');
    ctx.need('assessment.adverseEvent', ['fda-803-30-day', 'fda-803-5-day'], 'B4.1–B4.3: whether the information reasonably suggests a reportable event.', 'reportable (death or serious injury)');
    ctx.step('B4', 'MDR reportability not assessed; assuming a reportable event until it is.');
  } else {
    ctx.step(a.adverseEvent === 'reportable-malfunction' ? 'B4.3' : a.adverseEvent === 'death' ? 'B4.1' : 'B4.2', `Information reasonably suggests a reportable event (${a.adverseEvent}).`);
  }
  let trigger = eventAware;
  const notes: string[] = [];
  if (!trigger && aware) {
    trigger = aware;
    notes.push('Awareness of the adverse event not recorded; counted from events.becameAware (earlier or equal, so conservative).');
  }
  if (!trigger) ctx.need('events.adverseEventAware', ['fda-803-30-day', 'fda-803-5-day'], '803.50(a): 30 calendar days after the day of becoming aware.');

  const request = ctx.event('fdaWrittenRequest');
  const fiveDayTrigger = request ? ctx.latest(trigger, request) : ctx.event('remedialActionAware') ?? trigger;
  if (a.remedialActionNeeded === true || request) {
    ctx.step('B4.4', request ? 'FDA written request for 5-day reports in force: 5 work days.' : 'Remedial action needed to prevent an unreasonable risk of substantial harm: 5 work days (803.53(a)).');
    ctx.obligation('fda-803-5-day', { trigger: fiveDayTrigger, assumptions, notes });
    ctx.notApplicable('fda-803-30-day', 'superseded', 'A 5-day report (803.53) is submitted instead of the 30-day report for this event.');
  } else if (a.remedialActionNeeded === false) {
    ctx.obligation('fda-803-30-day', { trigger, assumptions, notes });
    ctx.notApplicable('fda-803-5-day', 'not-triggered', 'No remedial action needed and no FDA written request (803.53).');
  } else {
    ctx.need('assessment.remedialActionNeeded', ['fda-803-5-day'], 'B4.4: 803.53(a) 5-day report when remedial action is needed.', 'true (5-day report shown as well as the 30-day report)');
    ctx.obligation('fda-803-5-day', { trigger: fiveDayTrigger, assumptions: [...assumptions, 'assessment.remedialActionNeeded assumed true'], notes });
    ctx.obligation('fda-803-30-day', { trigger, assumptions, notes });
  }
  const news = ctx.eventList('mdrNewInformation');
  if (news.length === 0) ctx.notApplicable('fda-803-supplement', 'not-triggered', 'No new information recorded (events.mdrNewInformation).');
  news.forEach((t, i) => ctx.obligation('fda-803-supplement', { instance: i + 1, trigger: t, assumptions }));
};

/** B1 + B2.9: §524B out-of-cycle patch for critical uncontrolled vulnerabilities in cyber devices. */
const fda524b: Tree = (ctx) => {
  const { facts } = ctx;
  const a = facts.assessment ?? {};
  if (!inMarket(ctx, 'US')) return ctx.allNotApplicable('out-of-scope', 'The product is not marketed in the US (product.markets).');
  if (facts.product.kind !== 'device') return ctx.allNotApplicable('out-of-scope', '§524B applies to devices; the product is not a device.');
  const aware = ctx.event('becameAware');
  if (!a.risk && !aware) return ctx.allNotApplicable('no-facts', 'No vulnerability recorded (needs events.becameAware and assessment.risk).');
  if (facts.product.cyberDevice === false) {
    ctx.step('B1.2', 'Not a cyber device (524B(c)).');
    return ctx.allNotApplicable('out-of-scope', 'Not a cyber device under 524B(c).');
  }
  const assumptions: string[] = [];
  if (facts.product.cyberDevice === undefined) {
    assumptions.push('product.cyberDevice assumed true');
    ctx.need('product.cyberDevice', ['fda-524b-out-of-cycle-patch'], 'B1: whether the device is a 524B(c) cyber device.', 'true');
  }
  if (a.risk === 'controlled') {
    ctx.step('B2.8', 'Controlled risk: updates follow the regular, justified cycle (524B(b)(2)(A)); no out-of-cycle duty.');
    return ctx.allNotApplicable('not-triggered', 'Controlled risk: regular update cycle under 524B(b)(2)(A), not out of cycle.');
  }
  if (!a.risk) {
    assumptions.push('assessment.risk assumed uncontrolled');
    ctx.need('assessment.risk', ['fda-524b-out-of-cycle-patch'], 'B2.6: binary controlled/uncontrolled determination.', 'uncontrolled');
  }
  ctx.step('B2.9', 'Critical vulnerability that could cause uncontrolled risk in a cyber device: patch out of cycle, as soon as possible.');
  ctx.obligation('fda-524b-out-of-cycle-patch', { trigger: aware, fulfilledBy: [ctx.event('fixDistributed')], assumptions });
};

/** B6: HIPAA breach notification. */
const hipaa: Tree = (ctx) => {
  const { facts } = ctx;
  const discovered = ctx.event('phiBreachDiscovered');
  const breach = facts.phiBreach;
  if (!discovered && !breach) return ctx.allNotApplicable('no-facts', 'No PHI breach recorded (events.phiBreachDiscovered, phiBreach).');
  const role = facts.organisation?.hipaaRole;
  if (role === 'none') {
    ctx.step('B6.1', 'Neither covered entity nor business associate for this PHI: HIPAA notification does not apply (check FTC HBNR and state laws).');
    return ctx.allNotApplicable('out-of-scope', 'The organisation is neither a covered entity nor a business associate for this PHI (B6.1).');
  }
  if (breach?.unsecured === false) {
    ctx.step('B6.3', 'PHI was secured: not a breach of unsecured PHI.');
    return ctx.allNotApplicable('not-triggered', 'The PHI was secured (unusable/unreadable per HHS guidance): no breach of unsecured PHI (164.402).');
  }
  const all = ['hipaa-individual-notice', 'hipaa-media-notice', 'hipaa-hhs-notice', 'hipaa-hhs-annual-log', 'hipaa-ba-notice'];
  const assumptions: string[] = [];
  if (breach?.unsecured === undefined) {
    assumptions.push('phiBreach.unsecured assumed true');
    ctx.need('phiBreach.unsecured', all, 'B6.3: secured PHI is not a breach of unsecured PHI.', 'true');
  }
  if (!discovered) ctx.need('events.phiBreachDiscovered', all, '164.404: the 60 days run from discovery.');
  if (role === 'business-associate') {
    ctx.step('B6.4', 'Business associate: notify the covered entity within 60 days of discovery.');
    ctx.obligation('hipaa-ba-notice', { trigger: discovered, assumptions });
    return ctx.allNotApplicable('out-of-scope', 'Business associate: the covered entity makes this notification (164.410).', all.filter((id) => id !== 'hipaa-ba-notice'));
  }
  if (!role) {
    assumptions.push('organisation.hipaaRole assumed covered-entity');
    ctx.need('organisation.hipaaRole', all, 'B6.1/B6.4: covered entity or business associate.', 'covered-entity');
  }
  ctx.notApplicable('hipaa-ba-notice', 'out-of-scope', 'Covered entity: notifies individuals, media and HHS itself.');
  ctx.step('B6.5', 'Covered entity: notify individuals within 60 days of discovery.');
  ctx.obligation('hipaa-individual-notice', { trigger: discovered, assumptions });

  const counts = breach?.individualsByState;
  if (!counts) {
    ctx.need('phiBreach.individualsByState', ['hipaa-media-notice', 'hipaa-hhs-notice', 'hipaa-hhs-annual-log'], 'B6.6/B6.7: media notice above 500 residents of a State; HHS at once from 500 individuals.', 'more than 500 in a State (media and immediate HHS notice)');
    const extra = [...assumptions, 'phiBreach.individualsByState assumed above the thresholds'];
    ctx.obligation('hipaa-media-notice', { trigger: discovered, assumptions: extra });
    ctx.obligation('hipaa-hhs-notice', { trigger: discovered, assumptions: extra });
    ctx.notApplicable('hipaa-hhs-annual-log', 'superseded', 'Assumed 500 or more individuals: HHS is notified contemporaneously instead.');
    return;
  }
  const states = Object.entries(counts).sort(([x], [y]) => x.localeCompare(y));
  const total = states.reduce((s, [, n]) => s + n, 0);
  const mediaStates = states.filter(([, n]) => n > 500);
  if (mediaStates.length > 0) {
    const list = mediaStates.map(([s, n]) => `${s} (${n})`).join(', ');
    ctx.step('B6.6', `More than 500 residents affected in ${list}: media notice.`);
    ctx.obligation('hipaa-media-notice', { trigger: discovered, assumptions, notes: [`States: ${list}`] });
  } else {
    ctx.step('B6.6', 'No State or jurisdiction with more than 500 affected residents: no media notice.');
    ctx.notApplicable('hipaa-media-notice', 'not-triggered', 'No State or jurisdiction with more than 500 affected residents (164.406 says "more than 500").');
  }
  if (total >= 500) {
    ctx.step('B6.7', `${total} individuals (500 or more): notify HHS contemporaneously with the individual notice.`);
    ctx.obligation('hipaa-hhs-notice', { trigger: discovered, assumptions });
    ctx.notApplicable('hipaa-hhs-annual-log', 'superseded', '500 or more individuals: HHS is notified contemporaneously (164.408(b)).');
  } else {
    const year = discovered ? localDateOf(discovered.ms, discovered.zone).year : undefined;
    ctx.step('B6.7', `${total} individuals (fewer than 500): log the breach and submit the log to HHS within 60 days after the end of ${year ?? 'the calendar year of discovery'}.`);
    ctx.notApplicable('hipaa-hhs-notice', 'not-triggered', 'Fewer than 500 individuals: annual log instead (164.408(c)).');
    ctx.obligation('hipaa-hhs-annual-log', { trigger: discovered, assumptions });
  }
};

/** B7: EU MDR Art 87. */
const euMdr: Tree = (ctx) => {
  const { facts } = ctx;
  const a = facts.assessment ?? {};
  if (!inMarket(ctx, 'EU')) return ctx.allNotApplicable('out-of-scope', 'The product is not placed on the EU market (product.markets).');
  if (facts.product.kind !== 'device') return ctx.allNotApplicable('out-of-scope', 'The MDR applies to medical devices; the product is not a device (see the CRA pack).');
  const aware = ctx.event('becameAware');
  const fscaStart = ctx.event('fscaStart');
  if (!a.euIncident && !aware && a.fscaPlanned === undefined && !fscaStart) return ctx.allNotApplicable('no-facts', 'No incident recorded (needs events.becameAware and assessment.euIncident).');
  const incidentIds = ['eu-mdr-serious-incident-2-day', 'eu-mdr-serious-incident-10-day', 'eu-mdr-serious-incident-15-day'];
  let cls = a.euIncident;
  const assumptions: string[] = [];
  if (!cls) {
    cls = 'serious-public-health-threat';
    assumptions.push('assessment.euIncident assumed serious public health threat (shortest period)');
    ctx.need('assessment.euIncident', incidentIds, 'B7.1–B7.3: incident classification selects the 2, 10 or 15-day period.', 'serious-public-health-threat (2 days)');
    ctx.step('B7.3', 'Incident not classified yet; assuming the shortest period (2 days) until it is.');
  }
  if (cls === 'none' || cls === 'not-serious') {
    ctx.step(cls === 'none' ? 'B7.1' : 'B7.2', cls === 'none' ? 'No incident (Art 2(64)): not vigilance-reportable; consider trend reporting and PMS.' : 'Incident is not serious (Art 2(65)): no Art 87 report; consider trend reporting (Art 88).');
    ctx.allNotApplicable('not-triggered', cls === 'none' ? 'No incident under MDR Art 2(64).' : 'Not a serious incident under MDR Art 2(65).', incidentIds);
  } else {
    const chosen = cls === 'serious-public-health-threat' ? incidentIds[0]! : cls === 'death-or-unanticipated-serious-deterioration' ? incidentIds[1]! : incidentIds[2]!;
    ctx.step('B7.3', `Serious incident (${cls}): report within ${chosen === incidentIds[0] ? 2 : chosen === incidentIds[1] ? 10 : 15} days of awareness.`);
    if (!aware) ctx.need('events.becameAware', [chosen], 'Art 87: the period runs from the manufacturer becoming aware.');
    ctx.obligation(chosen, { trigger: aware, assumptions });
    for (const id of incidentIds) if (id !== chosen) ctx.notApplicable(id, 'superseded', `The incident class ${cls} selects ${chosen}.`);
  }
  const planned = a.fscaPlanned ?? (fscaStart ? true : undefined);
  if (planned === true) {
    ctx.step('B7.4', 'FSCA planned: report it to the competent authorities before undertaking it (except in urgency).');
    if (!fscaStart) ctx.need('events.fscaStart', ['eu-mdr-fsca-report'], 'Art 87(1)(b): the FSCA report is due before the action starts.');
    ctx.obligation('eu-mdr-fsca-report', { trigger: fscaStart });
  } else {
    if (planned === undefined) ctx.need('assessment.fscaPlanned', ['eu-mdr-fsca-report'], 'B7.4: an FSCA must be reported before it is undertaken.');
    ctx.notApplicable('eu-mdr-fsca-report', 'not-triggered', planned === false ? 'No FSCA planned.' : 'No FSCA recorded (assessment.fscaPlanned).');
  }
};

/** B8: CRA Art 14 for products with digital elements that are not MDR/IVDR devices. */
const euCra: Tree = (ctx) => {
  const { facts } = ctx;
  const a = facts.assessment ?? {};
  if (!inMarket(ctx, 'EU')) return ctx.allNotApplicable('out-of-scope', 'The product is not placed on the EU market (product.markets).');
  if (facts.product.kind === 'device') {
    ctx.step('B8.1', 'MDR/IVDR device: the CRA does not apply (Art 2(2)(a),(b)); see the EU MDR pack.');
    return ctx.allNotApplicable('out-of-scope', 'The product is an MDR/IVDR device: excluded from the CRA by Art 2(2)(a),(b).');
  }
  if (facts.product.craInScope === false) {
    ctx.step('B8.2', 'Product outside CRA scope.');
    return ctx.allNotApplicable('out-of-scope', 'The product is not in CRA scope (product.craInScope).');
  }
  const aware = ctx.event('becameAware');
  if (!aware && a.activelyExploited === undefined && a.severeIncident === undefined) return ctx.allNotApplicable('no-facts', 'No vulnerability or incident recorded (needs events.becameAware).');
  const base: string[] = [];
  if (facts.product.craInScope === undefined) {
    base.push('product.craInScope assumed true');
    ctx.need('product.craInScope', ctx.pack.rules.map((r) => r.id), 'B8.2: whether the product with digital elements is in CRA scope.', 'true');
  }
  if (aware) {
    const day = localDateOf(aware.ms, aware.zone);
    if (formatDate(day) < '2026-09-11') {
      ctx.step('B8.3', `Awareness on ${formatDate(day)} is before 11 Sep 2026: Art 14 does not apply (Art 71(2)); no retroactive reporting.`);
      return ctx.allNotApplicable('not-triggered', 'Art 14 applies from 11 Sep 2026 (Art 71(2)); awareness predates it.');
    }
  } else {
    ctx.need('events.becameAware', ctx.pack.rules.map((r) => r.id), 'Art 14: the 24 h and 72 h periods run from awareness.');
  }
  let any = false;
  const branch = (flag: boolean | undefined, path: string, label: string, ids: [string, string, string], step: string, final: () => ResolvedTime | undefined, finalWhy: string): void => {
    if (flag === false) {
      ctx.allNotApplicable('not-triggered', `Not ${label}.`, ids);
      return;
    }
    const assumptions = [...base];
    if (flag === undefined) {
      assumptions.push(`${path} assumed true`);
      ctx.need(path, ids, `${step}: ${label} starts the Art 14 reports.`, 'true');
    }
    any = true;
    ctx.step(step, `${label}: 24 h early warning, 72 h notification, final report.`);
    ctx.obligation(ids[0], { trigger: aware, assumptions });
    ctx.obligation(ids[1], { trigger: aware, assumptions });
    const finalTrigger = final();
    if (!finalTrigger) ctx.need(finalWhy, [ids[2]], `The final report period runs from ${finalWhy}.`);
    ctx.obligation(ids[2], { trigger: finalTrigger, assumptions });
  };
  branch(a.activelyExploited, 'assessment.activelyExploited', 'actively exploited vulnerability', ['cra-aev-early-warning', 'cra-aev-notification', 'cra-aev-final-report'], 'B8.4', () => ctx.event('fixAvailable'), 'events.fixAvailable');
  branch(a.severeIncident, 'assessment.severeIncident', 'severe incident having an impact on the security of the product', ['cra-incident-early-warning', 'cra-incident-notification', 'cra-incident-final-report'], 'B8.5', () => ctx.fulfilment('cra-incident-notification'), 'fulfilled.cra-incident-notification');
  if (any) ctx.obligation('cra-inform-users', { trigger: aware, assumptions: base });
  else ctx.notApplicable('cra-inform-users', 'not-triggered', 'No actively exploited vulnerability or severe incident.');
};

/** B9: NIS2 Art 23 for the manufacturer as an entity. */
const nis2: Tree = (ctx) => {
  const { facts } = ctx;
  const a = facts.assessment ?? {};
  const entity = facts.organisation?.nis2Entity;
  if (entity === false) return ctx.allNotApplicable('out-of-scope', 'The organisation is not an essential or important entity under NIS2 (organisation.nis2Entity).');
  const aware = ctx.event('becameAware');
  if (a.significantIncident === undefined && !(entity === true && aware)) return ctx.allNotApplicable('no-facts', 'No significant incident recorded (assessment.significantIncident).');
  if (a.significantIncident === false) {
    ctx.step('B9.2', 'Not a significant incident (Art 23(3)).');
    return ctx.allNotApplicable('not-triggered', 'Not a significant incident under Art 23(3).');
  }
  const assumptions: string[] = [];
  const ids = ctx.pack.rules.map((r) => r.id);
  if (entity === undefined) {
    assumptions.push('organisation.nis2Entity assumed true');
    ctx.need('organisation.nis2Entity', ids, 'B9.1: essential or important entity (national transposition).', 'true');
  }
  if (a.significantIncident === undefined) {
    assumptions.push('assessment.significantIncident assumed true');
    ctx.need('assessment.significantIncident', ids, 'B9.2: significant incident under Art 23(3).', 'true');
  }
  if (!aware) ctx.need('events.becameAware', ['nis2-early-warning', 'nis2-incident-notification'], 'Art 23(4): periods run from awareness.');
  ctx.step('B9.2', 'Significant incident: 24 h early warning, 72 h notification, final report one month after the notification.');
  ctx.obligation('nis2-early-warning', { trigger: aware, assumptions });
  ctx.obligation('nis2-incident-notification', { trigger: aware, assumptions });
  const sent = ctx.fulfilment('nis2-incident-notification');
  if (!sent) ctx.need('fulfilled.nis2-incident-notification', ['nis2-final-report'], 'Art 23(4)(d): the month runs from submission of the incident notification.');
  ctx.obligation('nis2-final-report', { trigger: sent, assumptions });
};

/** B5: CIRCIA (only when the pack is enabled, i.e. a final rule is in force). */
const circia: Tree = (ctx) => {
  const { facts } = ctx;
  const a = facts.assessment ?? {};
  const ransom = ctx.event('ransomPaid');
  const aware = ctx.event('becameAware');
  if (a.substantialCyberIncident === undefined && !ransom) return ctx.allNotApplicable('no-facts', 'No substantial cyber incident or ransom payment recorded.');
  if (facts.organisation?.circiaCoveredEntity === false) return ctx.allNotApplicable('out-of-scope', 'Not a CIRCIA covered entity (organisation.circiaCoveredEntity).');
  const assumptions: string[] = [];
  if (facts.organisation?.circiaCoveredEntity === undefined) {
    assumptions.push('organisation.circiaCoveredEntity assumed true');
    ctx.need('organisation.circiaCoveredEntity', ctx.pack.rules.map((r) => r.id), 'B5.2: covered entity test.', 'true');
  }
  if (a.substantialCyberIncident) {
    ctx.step('B5.3', 'Substantial cyber incident: report to CISA within 72 hours of reasonable belief.');
    if (!aware) ctx.need('events.becameAware', ['circia-incident-report'], '72 hours run from reasonable belief.');
    ctx.obligation('circia-incident-report', { trigger: aware, assumptions });
  } else ctx.notApplicable('circia-incident-report', 'not-triggered', 'No substantial cyber incident.');
  if (ransom) {
    ctx.step('B5.4', 'Ransom payment made: report within 24 hours of payment.');
    ctx.obligation('circia-ransom-payment-report', { trigger: ransom, assumptions });
  } else ctx.notApplicable('circia-ransom-payment-report', 'not-triggered', 'No ransom payment recorded.');
};

/** Decision trees by pack id. A pack without a tree here cannot be evaluated. */
export const decisionTrees: Readonly<Record<string, Tree>> = {
  'fda-postmarket': fdaPostmarket,
  'fda-mdr': fdaMdr,
  'fda-524b': fda524b,
  hipaa,
  'eu-mdr': euMdr,
  'eu-cra': euCra,
  'eu-nis2': nis2,
  'us-circia': circia,
};
