import { expect, type Page } from '@playwright/test';

/*
 * Fills every visible, empty field of a generated form with plausible answers, knowing nothing about the
 * framework: the form itself says what each field is (type, options, limits). Repeats while follow-up
 * questions appear. Used to apply to a framework through the real pages.
 */
export async function fillGeneratedForm(page: Page): Promise<void> {
  for (let round = 0; round < 5; round++) {
    let changed = false;
    const blocks = page.locator('main form [data-question]');
    const count = await blocks.count();
    for (let i = 0; i < count; i++) {
      const block = blocks.nth(i);
      if (!(await block.isVisible())) continue;
      const radios = block.locator('input[type=radio]');
      if ((await radios.count()) > 0) {
        if ((await block.locator('input[type=radio]:checked').count()) === 0) {
          await radios.first().check();
          changed = true;
        }
        continue;
      }
      const boxes = block.locator('input[type=checkbox]');
      if ((await boxes.count()) > 0) {
        if ((await block.locator('input[type=checkbox]:checked').count()) === 0) {
          await boxes.first().check();
          changed = true;
        }
        continue;
      }
      // One box, or one per requirement for evidence answered item by item.
      const textareas = block.locator('textarea');
      const boxCount = await textareas.count();
      if (boxCount > 0) {
        for (let k = 0; k < boxCount; k++) {
          if (await textareas.nth(k).inputValue()) continue;
          await textareas.nth(k).fill('We have done this for several public bodies.');
          changed = true;
        }
        continue;
      }
      const listItems = block.locator('input[name$="[]"]');
      if ((await listItems.count()) > 0) {
        if (!(await listItems.first().inputValue())) {
          await listItems.first().fill('Experienced team');
          changed = true;
        }
        continue;
      }
      const min = block.locator('input[name$=".min"]');
      if ((await min.count()) > 0) {
        if (!(await min.inputValue())) {
          await min.fill('500');
          const max = block.locator('input[name$=".max"]');
          if ((await max.count()) > 0) await max.fill('900');
          changed = true;
        }
        continue;
      }
      const input = block.locator('input').first();
      if ((await input.count()) === 0 || (await input.inputValue())) continue;
      const type = await input.getAttribute('type');
      const name = (await input.getAttribute('name')) ?? '';
      const dataMin = await input.getAttribute('data-min');
      // Files go through the upload route, not the form; optional uploads are left empty.
      if (type === 'file') continue;
      if (type === 'date') await input.fill((await input.getAttribute('min')) ?? '2027-06-01');
      else if (dataMin !== null) await input.fill(String(Math.max(Number(dataMin), 1)));
      else if (/email/i.test(name)) await input.fill('bids@example.org');
      else if (/url|website|link/i.test(name)) await input.fill('https://example.org');
      else if (/phone/i.test(name)) await input.fill('+44 20 7946 0000');
      else await input.fill('Example');
      changed = true;
    }
    if (!changed) return;
  }
}

export async function expectNoFormErrors(page: Page): Promise<void> {
  await expect(page.locator('main [data-error-summary]')).toHaveCount(0);
}
