/** Every operation of this provider's node under injected faults, and hostile input in every field. */
import { describeHostileInput } from '../hostile';
import { describeOperationFaults } from '../operations';

describeOperationFaults('whmcs');
describeHostileInput('whmcs');
