import { Command } from 'commander';
import { ApiRequestError } from './ApiClient';
import { adaptersCommand } from './commands/adaptersCommand';
import { billingCommand } from './commands/billingCommand';
import { apiKeysCommand, usageCommand } from './commands/apiKeysCommand';
import { cancelCommand } from './commands/cancelCommand';
import { substituteCommand } from './commands/substituteCommand';
import { companiesCommand } from './commands/companiesCommand';
import { failuresCommand } from './commands/failuresCommand';
import { emitCommand } from './commands/emitCommand';
import { executionsCommand } from './commands/executionsCommand';
import { getCommand } from './commands/getCommand';
import { invoicesCommand } from './commands/invoicesCommand';
import { municipalitiesCommand } from './commands/municipalitiesCommand';
import { mockCommand } from './commands/mockCommand';
import { tokenCommand } from './commands/tokenCommand';
import { refusalHelp } from './refusalHelp';
import { webhooksCommand } from './commands/webhooksCommand';
import { ordersCommand } from './commands/ordersCommand';

/** The `nfse` command line. */
const program = new Command('nfse')
  .description('nfse-flow: emit and follow NFS-e invoices, manage companies and their certificates, and operate the workflows.\nReads NFSE_API_URL (default http://127.0.0.1:3000), NFSE_TOKEN and NFSE_API_KEY.')
  .addCommand(tokenCommand())
  .addCommand(emitCommand())
  .addCommand(getCommand())
  .addCommand(cancelCommand())
  .addCommand(substituteCommand())
  .addCommand(executionsCommand())
  .addCommand(invoicesCommand())
  .addCommand(failuresCommand())
  .addCommand(adaptersCommand())
  .addCommand(companiesCommand())
  .addCommand(municipalitiesCommand())
  .addCommand(mockCommand())
  .addCommand(billingCommand())
  .addCommand(apiKeysCommand())
  .addCommand(usageCommand())
  .addCommand(webhooksCommand())
  .addCommand(ordersCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ApiRequestError) {
    const fields = error.body?.errors?.map((e) => `\n  ${e.field}: ${e.message}`).join('') ?? '';
    const help = refusalHelp(error);
    process.stderr.write(`nfse: HTTP ${error.status}: ${error.message}${fields}${help !== undefined ? `\n  ${help}` : ''}\n`);
  } else {
    process.stderr.write(`nfse: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
