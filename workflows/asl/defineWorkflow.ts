import { compactJsonata } from './compactJsonata';
import type { Branch, ProcessorConfig, QueryLanguage, State, StateMachineDefinition } from './types';

/**
 * A set of states as written: `Name` is inferred from the keys of `States` alone (`NoInfer`
 * elsewhere), so `StartAt` and every transition must name one of them.
 */
export interface GraphDefinition<Name extends string> {
  readonly Comment?: string;
  readonly QueryLanguage?: QueryLanguage;
  readonly StartAt: NoInfer<Name>;
  readonly States: { readonly [Key in Name]: State<NoInfer<Name>> };
}

/** What `defineWorkflow` takes: a whole state machine. */
export interface WorkflowDefinition<Name extends string> extends GraphDefinition<Name> {
  readonly TimeoutSeconds?: number;
}

/** What `defineBranch` takes: a Parallel branch or a Map processor, with its own state names. */
export interface BranchDefinition<Name extends string> extends GraphDefinition<Name> {
  /** For a Map's ItemProcessor. */
  readonly ProcessorConfig?: ProcessorConfig;
}

/**
 * A state machine whose graph `tsc` checks: `StartAt`, `Next`, `Default`, Choice rules' and
 * Catch's `Next` must name a key of `States` (a misspelt one is a compile error, not a failed
 * execution). Multi-line `{% %}` expressions are put on one line, as the console wants.
 */
export function defineWorkflow<const Name extends string>(definition: WorkflowDefinition<Name>): StateMachineDefinition {
  return compactJsonata<StateMachineDefinition>(definition);
}

/**
 * A Parallel branch or a Map ItemProcessor, checked as `defineWorkflow` checks a state machine:
 * its transitions may name only its own states (ASL forbids going into or out of a branch).
 */
export function defineBranch<const Name extends string>(branch: BranchDefinition<Name>): Branch {
  // The Branch mark is the compiler's only: this function is how a branch gets checked.
  return compactJsonata<StateMachineDefinition>(branch) as Branch;
}
