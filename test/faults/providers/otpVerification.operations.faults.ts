/** Every operation of this node under injected faults, and hostile input in every field. */
import { describeHostileInput } from '../hostile';
import { describeOperationFaults } from '../operations';

describeOperationFaults('otpVerification');
describeHostileInput('otpVerification');
