// Sample inputs shared by several specs.
import { readFileSync } from 'node:fs';

/**
 * The licence list's as-of date, read from the provenance of the source data (sources/README.md),
 * so refreshing the list never means editing a spec.
 */
export const LICENCES_AS_OF = readFileSync(new URL('../sources/README.md', import.meta.url), 'utf8')
  .match(/^\| `payment-licences\.csv` \|[^|]*\| (\d{4}-\d{2}-\d{2}) \|/m)[1];

/** A complete demand letter to a vendor (`letters/demand-vendor`), field name → value. */
export const DEMAND = {
  vendor_name: '深圳某某科技有限公司',
  merchant_name: '王小明',
  purchase_date: '2025-03-01',
  device_model: '新大陆 ME31',
  device_sn: 'N3SN0012345678',
  facts: '2026年10月起机器反复签到失败，无法收款。',
  request: '七日内上门维修或更换机器。',
  reply_within_days: '10',
  merchant_phone: '13800000000',
};

/** The case of issue 15's scenario (POS shows 97, the agent is gone) as a backup stores it; specs
 *  spread it and set their own id and the fields their letters need. */
export const CASE_97 = {
  title: '终端显示97，代理商失联',
  device: { brand: '新大陆', model: 'ME31', sn: 'N3SN0099887766', terminal_id: '12345678', acquired: 'placed' },
  purchase_date: '2025-03-01',
  vendor: { name: '某某信息服务有限公司', contacts: [], address: '深圳市福田区某路3号' },
  acquirer: { name: '某某支付有限公司', licence_no: 'Z2000000000000', kind: 'non_bank', address: '上海市浦东新区某路2号' },
  merchant_no: '898440358120001',
  matters: ['fault', 'agent_gone', 'deposit'],
  created_at: '2026-10-08T09:00:00',
  updated_at: '2026-11-20T10:00:00',
};
