/** This provider's trigger over a seeded schedule of polls with mixed faults, crashes and restarts. */
import { describeTriggerFaults } from '../triggers';

describeTriggerFaults('amootSms');
