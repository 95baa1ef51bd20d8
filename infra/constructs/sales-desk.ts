import { TimeZone } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { recurringSchedules } from '../wiring/schedules.ts';
import type { LeadData } from './lead-data.ts';
import type { Outbound } from './outbound.ts';
import { StokeFunction } from './stoke-function.ts';

export type SalesDeskProps = {
  /** Where leads, reps, their focus items and the weekly reports are stored, and recycled leads announced. */
  readonly data: LeadData;
  /** Cancels a lead's pending schedules, keys the suppression list, emails the review and keeps what failed every retry. */
  readonly outbound: Outbound;
  /** IANA time zone whose Monday morning starts the weekly review and whose weeks the reports cover. */
  readonly reviewTimeZone: string;
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

  constructor(scope: Construct, id: string, props: SalesDeskProps) {
    super(scope, id);
    const { data, outbound } = props;
    const environment = { REVIEW_TIME_ZONE: props.reviewTimeZone };

    this.desk = new StokeFunction(this, 'SalesDesk', { name: 'sales-desk' });
    this.reviewReport = new StokeFunction(this, 'ReviewReport', { name: 'review-report', environment });
    this.weeklyReview = new StokeFunction(this, 'WeeklyReview', { name: 'weekly-review', environment });

    data.bindItemWriter(this.desk);
    data.bindItemDeleter(this.desk);
    data.bindBatchDeleter(this.desk);
    data.bindPartitionReader(this.desk);
    data.bindIndexReader(this.desk);
    data.bindPublisher(this.desk);
    // A lead closed, recycled or erased keeps no pending deadline or nurture schedule.
    outbound.bindScheduleCanceller(this.desk);
    // Erasure keeps a keyed hash of the address, so the person is never emailed again.
    outbound.bindSigningKey(this.desk);

    data.bindItemReader(this.reviewReport);
    data.bindPartitionReader(this.reviewReport);
    data.bindIndexReader(this.reviewReport);
    data.bindBatchReader(this.reviewReport);

    data.bindItemReader(this.weeklyReview);
    // The week's report snapshot, and one claim per manager so a redelivered schedule emails nobody twice.
    data.bindItemPutter(this.weeklyReview);
    data.bindItemDeleter(this.weeklyReview);
    data.bindPartitionReader(this.weeklyReview);
    data.bindIndexReader(this.weeklyReview);
    data.bindBatchReader(this.weeklyReview);
    outbound.bindMailer(this.weeklyReview);
    outbound.bindLinkWriter(this.weeklyReview);
    outbound.deadLetterFailedInvocations(this.weeklyReview);
    outbound.addScheduleTarget('weekly-review', this.weeklyReview);

    for (const schedule of recurringSchedules) {
      const recurring = new scheduler.Schedule(this, schedule.name, {
        scheduleName: schedule.name,
        description: schedule.description,
        scheduleGroup: outbound.scheduleGroup,
        schedule: scheduler.ScheduleExpression.expression(schedule.expression, TimeZone.of(props.reviewTimeZone)),
        target: outbound.scheduleTarget(schedule.target, schedule.input),
        // Managers read the review first thing on Monday: no window to spread the invocation over.
        timeWindow: scheduler.TimeWindow.off(),
      });
      // The group is named, not referenced: without this, CloudFormation could create the schedule first.
      recurring.node.addDependency(outbound.scheduleGroup);
    }
  }
}
