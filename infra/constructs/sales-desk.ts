import { TimeZone } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { recurringSchedules } from '../wiring/schedules.ts';
import { type FunctionResources, StokeFunction } from './stoke-function.ts';

export type SalesDeskProps = {
  /**
   * Where leads, reps, their focus items and the weekly reports are stored; the outbound plumbing cancels
   * a lead's schedules, keys the suppression list, emails the review; the review's time zone.
   */
  readonly resources: FunctionResources;
};

/**
 * Sales desk and weekly lead review: reps work their leads (contacts,
 * outcomes, recycling to marketing), managers merge, export and erase them
 * and read their team's weekly report; every Monday a recurring schedule
 * emails each manager the review of the week that ended.
 */
export class SalesDesk extends Construct {
  readonly desk: StokeFunction;
  readonly reviewReport: StokeFunction;
  readonly weeklyReview: StokeFunction;
  readonly morningList: StokeFunction;

  constructor(scope: Construct, id: string, props: SalesDeskProps) {
    super(scope, id);
    const { resources } = props;
    const { outbound } = resources;

    this.desk = new StokeFunction(this, 'SalesDesk', { name: 'sales-desk', resources });
    this.reviewReport = new StokeFunction(this, 'ReviewReport', { name: 'review-report', resources });
    this.weeklyReview = new StokeFunction(this, 'WeeklyReview', { name: 'weekly-review', resources });
    this.morningList = new StokeFunction(this, 'MorningList', { name: 'morning-list', resources });

    for (const schedule of recurringSchedules) {
      const recurring = new scheduler.Schedule(this, schedule.name, {
        scheduleName: schedule.name,
        description: schedule.description,
        scheduleGroup: outbound.scheduleGroup,
        schedule: scheduler.ScheduleExpression.expression(schedule.expression, TimeZone.of(resources.settings.reviewTimeZone)),
        target: outbound.scheduleTarget(schedule.target, schedule.input),
        // Managers read the review first thing on Monday, reps their list first thing each morning: no window to spread the invocation over.
        timeWindow: scheduler.TimeWindow.off(),
      });
      // The group is named, not referenced: without this, CloudFormation could create the schedule first.
      recurring.node.addDependency(outbound.scheduleGroup);
    }
  }
}
