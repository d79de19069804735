// `test` for storefront specs: a worker-wide connection to the stack and a per-test shop that
// cleans up the sales and shoppers it made.
import { test as base } from "@playwright/test";
import { createShop, type ShopFixture } from "./shop";
import { openStack, type E2eStack } from "./stack";

export const test = base.extend<{ shop: ShopFixture }, { stack: E2eStack }>({
  stack: [
    async ({}, provide, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      if (!baseURL) throw new Error("the Playwright project needs a baseURL");
      const stack = openStack(baseURL);
      await provide(stack);
      await stack.close();
    },
    { scope: "worker" },
  ],
  // `provide` rather than Playwright's usual `use`: React's lint rules reserve that name.
  shop: async ({ stack }, provide) => {
    const shop = createShop(stack);
    await provide(shop);
    await shop.cleanup();
  },
});

export { expect } from "@playwright/test";
