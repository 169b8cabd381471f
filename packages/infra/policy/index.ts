/**
 * The CrossGuard policy pack: `pulumi preview --policy-pack policy` (see the README).
 * Production stacks pass `--policy-pack-config policy/production.json`.
 */
import { PolicyPack } from '@pulumi/policy';
import { ORDERS_POLICIES } from './policies.js';

new PolicyPack('orders-guardrails', { policies: [...ORDERS_POLICIES] });
