// Browser test of the registries (issue 3): an exporter declares a product with its cost
// structure and requests an approval, an agent grants it from the "Agréments" queue, the exporter
// sees it granted. Bad input shows French messages next to the fields.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { login, logout, startHarness } from './harness.mjs';

let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.stop();
});

const PRODUCT = 'Beurre de karité raffiné (e2e)';
const NUMBER = 'AGR-ML-E2E-0001';

test('exporter declares a product and requests an approval, agent grants it, exporter sees it granted', async () => {
  await h.withContext('registry', async (page) => {
    // --- the exporter declares the product
    await login(page, h.base, 'exportateur@demo.ml');
    await page.getByRole('link', { name: 'Mes produits' }).click();
    await page.getByRole('heading', { name: 'Mes produits' }).waitFor();
    await page.getByRole('link', { name: /Nouveau produit/ }).click();
    await page.getByLabel('Désignation *').fill(PRODUCT);
    await page.getByLabel('Code SH *').fill('12');
    await page.getByLabel('Producteur *').fill('Usine de Ségou');
    await page.getByLabel('Nature du produit').selectOption('industrial');
    await page.getByLabel('Prix sortie usine (FCFA, hors taxes)').fill('1 000 000');
    await page.getByLabel('Opérations réalisées').fill('refining');
    await page.getByRole('button', { name: /Ajouter une matière/ }).click();
    await page.getByLabel('Code SH — matière 1', { exact: true }).fill('3923');
    await page.getByLabel('Désignation — matière 1', { exact: true }).fill('Pots importés');
    await page.getByLabel('Valeur CAF (FCFA) — matière 1', { exact: true }).fill('250 000');
    await page.getByLabel("Pays d'origine — matière 1", { exact: true }).selectOption('CN');
    await page.getByRole('button', { name: 'Enregistrer le produit' }).click();
    // Bad HS code: a French message next to the field, nothing created.
    await page.getByText('Le code SH doit comporter de 6 à 10 chiffres.').waitFor();
    assert.equal(await page.getByLabel('Code SH *').getAttribute('aria-invalid'), 'true');
    assert.match(new URL(page.url()).pathname, /\/products\/new$/);

    await page.getByLabel('Code SH *').fill('151590');
    await page.getByRole('button', { name: 'Enregistrer le produit' }).click();
    await page.getByText('Produit créé.', { exact: false }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/products\/\d+$/);
    assert.equal(await page.getByLabel('Valeur CAF (FCFA) — matière 1', { exact: true }).inputValue(), '250000');

    await page.getByLabel('Régime', { exact: true }).selectOption('ETLS');
    await page.getByRole('button', { name: "Demander l'agrément" }).click();
    await page.getByText("Demande d'agrément envoyée pour le régime CEDEAO — SLE.").waitFor();
    await page.getByTestId('approval-ETLS').getByText('Demandé').waitFor();

    // The company profile refuses a malformed NIF with a French message.
    await page.getByRole('link', { name: 'Mon entreprise' }).click();
    await page.getByLabel('NIF', { exact: true }).fill('123');
    await page.getByRole('button', { name: 'Enregistrer le profil' }).click();
    await page.getByText('Le NIF comporte 9 chiffres suivis d’une lettre majuscule (084151646T).').waitFor();
    await logout(page);

    // --- the agent decides from the queue
    await login(page, h.base, 'agent@demo.ml');
    await page.getByRole('link', { name: 'Agréments' }).click();
    await page.getByRole('heading', { name: 'Agréments des produits' }).waitFor();
    const card = page.locator('li.card').filter({ hasText: PRODUCT });
    await card.waitFor();
    // Refusing needs a reason; granting needs a number and a date (the server's messages, in French).
    await card.getByRole('button', { name: 'Refuser' }).click();
    await card.getByText('Indiquez le motif du refus.').waitFor();
    await card.getByRole('button', { name: "Accorder l'agrément" }).click();
    await card.getByText("Numéro d'agrément obligatoire (50 caractères au plus).").waitFor();
    await card.getByLabel("Numéro d'agrément").fill(NUMBER);
    await card.getByLabel("Valable jusqu'au").fill('2099-12-31');
    await card.getByRole('button', { name: "Accorder l'agrément" }).click();
    await page.getByText(`Agrément ${NUMBER} accordé pour « ${PRODUCT} ».`).waitFor();
    await logout(page);

    // --- the exporter sees it granted
    await login(page, h.base, 'exportateur@demo.ml');
    await page.getByRole('link', { name: 'Mes produits' }).click();
    const row = page.getByTestId('products-table').locator('tr').filter({ hasText: PRODUCT });
    await row.getByText('Accordé').waitFor();
    await row.getByText(NUMBER).waitFor();
    await row.getByRole('link', { name: PRODUCT }).click();
    const approval = page.getByTestId('approval-ETLS');
    await approval.getByText('Accordé').waitFor();
    await approval.getByText(NUMBER).waitFor();
    await approval.getByText('au 31/12/2099', { exact: false }).waitFor();
  });
});
