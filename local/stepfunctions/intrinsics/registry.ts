import type { IntrinsicFunctionDefinition } from './argumentSpec';
import { statesArray } from './functions/array';
import { statesArrayContains } from './functions/arrayContains';
import { statesArrayGetItem } from './functions/arrayGetItem';
import { statesArrayLength } from './functions/arrayLength';
import { statesArrayPartition } from './functions/arrayPartition';
import { statesArrayRange } from './functions/arrayRange';
import { statesArrayUnique } from './functions/arrayUnique';
import { statesBase64Decode } from './functions/base64Decode';
import { statesBase64Encode } from './functions/base64Encode';
import { statesFormat } from './functions/format';
import { statesHash } from './functions/hash';
import { statesJsonMerge } from './functions/jsonMerge';
import { statesJsonToString } from './functions/jsonToString';
import { statesMathAdd } from './functions/mathAdd';
import { statesMathRandom } from './functions/mathRandom';
import { statesStringSplit } from './functions/stringSplit';
import { statesStringToJson } from './functions/stringToJson';
import { statesUuid } from './functions/uuid';

/**
 * Every intrinsic function of the Amazon States Language, by name.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
export const INTRINSIC_FUNCTIONS: ReadonlyMap<string, IntrinsicFunctionDefinition> = new Map(
  [
    statesArray,
    statesArrayContains,
    statesArrayGetItem,
    statesArrayLength,
    statesArrayPartition,
    statesArrayRange,
    statesArrayUnique,
    statesBase64Decode,
    statesBase64Encode,
    statesFormat,
    statesHash,
    statesJsonMerge,
    statesJsonToString,
    statesMathAdd,
    statesMathRandom,
    statesStringSplit,
    statesStringToJson,
    statesUuid,
  ].map((definition) => [definition.name, definition]),
);
