// A table of account balances (the ledger's, the Treasury report's end of day): the account's
// name in words with its code, and the amount.
import { formatXof } from '../form';
import { getLang } from '../i18n';
import { st } from '../i18n/staff';
import { Table } from '../table';
import { accountLabel } from './money';

export function Balances(props: { balances: Record<string, number>; testId: string; sorted?: boolean; headless?: boolean }) {
  const lang = getLang();
  const rows = Object.entries(props.balances);
  if (props.sorted) rows.sort(([a], [b]) => a.localeCompare(b));
  return (
    <Table<[string, number]>
      plain
      headless={props.headless}
      testId={props.testId}
      rows={rows}
      rowKey={([account]) => account}
      columns={[
        {
          label: st('ledger.col.account'),
          cell: ([account]) => (
            <>
              {accountLabel(account)} <span class="mono muted small">{account}</span>
            </>
          ),
        },
        { label: st('ledger.col.balance'), class: 'num', cell: ([, amount]) => formatXof(amount, lang) },
      ]}
    />
  );
}
