import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isVendorApproved, vendorDecider, VENDORS_STREAM } from '@ledger/domain';
import type { CommandPipeline } from '@ledger/ledger';
import { COMMAND_PIPELINE } from '../../infrastructure/tokens.js';
import { ListVendorsQuery } from './list-vendors.query.js';

/** Reads the list from its stream (it is short), so it answers at once whatever `minPosition` says. */
@QueryHandler(ListVendorsQuery)
export class ListVendorsHandler implements IQueryHandler<ListVendorsQuery> {
  constructor(@Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline) {}

  async execute(query: ListVendorsQuery) {
    const { state } = await this.pipeline.load(VENDORS_STREAM, vendorDecider);
    return { items: state.vendors.map((vendor) => ({ ...vendor, approved: isVendorApproved(vendor, query.at) })) };
  }
}
