-- Who signed a collective contract on the workers' side. Contracts recorded before were all
-- signed by the unit's own union (the v1 event upcasts the same way).
ALTER TABLE collective_contracts
    ADD COLUMN signing_party text NOT NULL DEFAULT 'own_union'
        CHECK (signing_party IN ('own_union', 'regional_union', 'industry_union'));
