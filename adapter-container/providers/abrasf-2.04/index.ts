/** The ABRASF 2.04 provider library: what the adapter worker imports. */
export { AbrasfProvider } from './AbrasfProvider';
export type {
  AbrasfMode,
  AbrasfProviderOptions,
  AcceptedOutcome,
  CancelInput,
  CancelledResult,
  ConsultByRpsInput,
  ConsultInput,
  EmitInput,
  IssuedOutcome,
  ReplacedNfse,
  SubstituteInput,
} from './AbrasfProvider';
export { DEFAULT_CITY_CODES } from './cityCodes';
export type { CityCodes } from './cityCodes';
export { ABRASF_OPERATIONS, abrasfWsdl } from './abrasfWsdl';
export type { AbrasfOperation } from './abrasfWsdl';
