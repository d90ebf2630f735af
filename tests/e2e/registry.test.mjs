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
    await card.getByText('Numéro d’agrément obligatoire (50 caractères au plus).').waitFor();
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

test('a goods line without a registry product carries origin facts that are evaluated, saved and edited', async () => {
  await h.withContext('origin-facts', async (page) => {
    await login(page, h.base, 'exportateur@demo.ml');
    await page.getByRole('link', { name: /Nouvelle demande/ }).click();
    await page.getByRole('heading', { name: 'Nouvelle demande de certificat' }).waitFor();
    await page.getByLabel('Régime du certificat').selectOption('ETLS');
    await page.getByLabel('Pays de destination').selectOption('SN');
    await page.getByLabel('Code SH — Ligne 1', { exact: true }).fill('151590');
    await page.getByLabel('Désignation — Ligne 1', { exact: true }).fill('Beurre de karité en pots');
    await page.getByTestId('facts-toggle-0').click();
    const facts = page.getByTestId('facts-0');
    await facts.getByLabel('Nature du produit').selectOption('industrial');
    await facts.getByLabel('Prix sortie usine (FCFA, hors taxes)').fill('1 000 000');
    await facts.getByLabel('Opérations réalisées').fill('refining');
    await facts.getByRole('button', { name: /Ajouter une matière/ }).click();
    await facts.getByLabel('Code SH — matière 1', { exact: true }).fill('3923');
    await facts.getByLabel('Valeur CAF (FCFA) — matière 1', { exact: true }).fill('100 000');
    // The live verdict uses the facts: industrial ETLS goods need an approval the company lacks.
    await page.getByTestId('verdict-0').getByText('Agrément requis', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText('Brouillon enregistré.').waitFor();
    assert.match(new URL(page.url()).pathname, /^\/applications\/\d+$/);
    // Reloaded from the server, the facts are there and can be edited.
    await page.reload();
    const again = page.getByTestId('facts-0');
    assert.equal(await again.getByLabel('Prix sortie usine (FCFA, hors taxes)').inputValue(), '1000000');
    assert.equal(await again.getByLabel('Code SH — matière 1', { exact: true }).inputValue(), '3923');
    await again.getByLabel('Prix sortie usine (FCFA, hors taxes)').fill('abc');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await again.getByText('Un nombre entier de francs CFA (0 à 10^15) est attendu.').waitFor();
    await again.getByLabel('Prix sortie usine (FCFA, hors taxes)').fill('2 000 000');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText('Brouillon enregistré.').waitFor();
    await page.reload();
    assert.equal(await page.getByTestId('facts-0').getByLabel('Prix sortie usine (FCFA, hors taxes)').inputValue(), '2000000');

    // Submitted (a line needing review may be submitted), the read-only view shows the declared facts.
    await page.getByLabel('Nom du destinataire').fill('Dakar Agro Import SA');
    await page.getByLabel('Adresse du destinataire').fill('Zone industrielle, Dakar');
    await page.getByLabel('Pays du destinataire').selectOption('SN');
    await page.getByLabel('Mode de transport').selectOption('road');
    await page.getByLabel('Numéro de facture').fill('F-E2E-FACTS');
    await page.getByLabel('Date de facture').fill('2026-11-20');
    const field = (label) => page.getByLabel(`${label} — Ligne 1`, { exact: true });
    await field('Quantité').fill('100');
    await field('Unité').fill('kg');
    await field('Poids brut (kg)').fill('110');
    await field('Poids net (kg)').fill('100');
    await field('Valeur (FCFA)').fill('2 000 000');
    await page.getByRole('button', { name: 'Soumettre', exact: true }).click();
    const declared = page.getByTestId('declared-facts');
    await declared.getByText('Prix sortie usine (FCFA, hors taxes) : 2 000 000', { exact: false }).waitFor();
    await declared.getByText('Code SH 3923', { exact: false }).waitFor();
  });
});

test('an exporter adds and disables a user of its company; the admin grants the approved-exporter status', async () => {
  await h.withContext('company', async (page) => {
    await login(page, h.base, 'exportateur2@demo.ml');
    await page.getByRole('link', { name: 'Mon entreprise' }).click();
    const users = page.getByTestId('company-users');
    await users.getByRole('cell', { name: 'exportateur2@demo.ml' }).waitFor();
    // Nobody may disable their own account: no button on one's own row.
    assert.equal(await users.getByRole('button', { name: /^Désactiver Moussa Coulibaly/ }).count(), 0);
    await users.getByLabel('Nom').fill('Kadiatou Diallo');
    await users.getByLabel('Adresse électronique').fill('kadiatou-sans-arobase');
    await users.getByLabel('Mot de passe initial').fill('court');
    await users.getByRole('button', { name: "Ajouter l'utilisateur" }).click();
    await users.getByText('Adresse électronique invalide.').waitFor();
    await users.getByText('Le mot de passe doit comporter au moins 8 caractères.').waitFor();
    await users.getByLabel('Adresse électronique').fill('kadiatou@karite.ml');
    await users.getByLabel('Mot de passe initial').fill('bienvenue-2026');
    await users.getByRole('button', { name: "Ajouter l'utilisateur" }).click();
    await users.getByText('Utilisateur kadiatou@karite.ml ajouté.').waitFor();
    await users.getByRole('button', { name: 'Désactiver Kadiatou Diallo' }).click();
    await users.getByText('Kadiatou Diallo est désactivé : ses sessions sont fermées.').waitFor();
    await users.getByRole('row', { name: /kadiatou@karite\.ml/ }).getByText('Désactivé').waitFor();
    await logout(page);

    // The disabled account cannot log in.
    await page.getByLabel('Adresse électronique').fill('kadiatou@karite.ml');
    await page.getByLabel('Mot de passe').fill('bienvenue-2026');
    await page.locator('form').filter({ has: page.getByLabel('Mot de passe') }).getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Adresse électronique ou mot de passe incorrect.').waitFor();

    // The administrator grants the company's approved-exporter status for UEMOA.
    await login(page, h.base, 'admin@demo.ml');
    await page.getByRole('link', { name: 'Entreprises' }).click();
    await page.getByRole('link', { name: 'Niger Karité SA' }).click();
    const ae = page.getByTestId('approved-exporter');
    await ae.getByLabel('Régime').selectOption('UEMOA');
    await ae.getByLabel("Numéro d'agrément").fill('AE-UEMOA-ML-0007');
    await ae.getByLabel("Valable jusqu'au").fill('2020-01-01');
    await ae.getByRole('button', { name: 'Accorder', exact: true }).click();
    await ae.getByText('La date ne doit pas être passée.').waitFor();
    await ae.getByLabel("Valable jusqu'au").fill('2099-06-30');
    await ae.getByRole('button', { name: 'Accorder', exact: true }).click();
    await page.getByText("Statut d'exportateur agréé AE-UEMOA-ML-0007 accordé.").waitFor();
    await ae.getByRole('row', { name: /AE-UEMOA-ML-0007/ }).getByText('Valide', { exact: true }).waitFor();
  });
});
