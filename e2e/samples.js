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
