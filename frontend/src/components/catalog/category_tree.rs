//! The category tree of the catalog, built from the flat `categories` list by its
//! `parentId` links, and the path of a category for breadcrumbs.

use leptos::prelude::*;

use crate::api::catalog::Category;
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{Lang, tr, use_i18n};

pub fn category_name(category: &Category, lang: Lang) -> &str {
    match lang {
        Lang::He => &category.name_he,
        Lang::En => &category.name_en,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryNode {
    pub category: Category,
    pub children: Vec<CategoryNode>,
}

/// The forest of categories in the order the server sent them. A category whose parent
/// is not in the list is shown as a top-level one rather than lost.
pub fn build_tree(categories: &[Category]) -> Vec<CategoryNode> {
    fn children_of(categories: &[Category], parent: &str, depth: usize) -> Vec<CategoryNode> {
        // The depth bound stops a cycle in bad data from recursing forever.
        if depth > 16 {
            return Vec::new();
        }
        categories
            .iter()
            .filter(|category| category.parent_id.as_deref() == Some(parent))
            .map(|category| CategoryNode {
                category: category.clone(),
                children: children_of(categories, &category.id, depth + 1),
            })
            .collect()
    }
    let known = |id: &str| categories.iter().any(|category| category.id == id);
    categories
        .iter()
        .filter(|category| {
            category
                .parent_id
                .as_deref()
                .is_none_or(|parent| !known(parent))
        })
        .map(|category| CategoryNode {
            category: category.clone(),
            children: children_of(categories, &category.id, 1),
        })
        .collect()
}

/// The categories from the top down to `id` (empty when it is unknown).
pub fn path_to(categories: &[Category], id: &str) -> Vec<Category> {
    let mut path = Vec::new();
    let mut current = Some(id.to_owned());
    while let Some(id) = current.take() {
        let Some(category) = categories.iter().find(|category| category.id == id) else {
            break;
        };
        if path.iter().any(|seen: &Category| seen.id == category.id) {
            break;
        }
        path.push(category.clone());
        current = category.parent_id.clone();
    }
    path.reverse();
    path
}

/// The tree as buttons: choosing one filters the list by that category (with its
/// subcategories); "All products" clears the filter.
#[component]
pub fn CategoryTree(
    categories: Vec<Category>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let tree = build_tree(&categories);
    let is_all = move || selected.get().is_none();
    view! {
        <ul class="category-tree" data-testid="category-tree">
            <li>
                <button
                    type="button"
                    class="category-button"
                    aria-pressed=move || if is_all() { "true" } else { "false" }
                    on:click=move |_| selected.set(None)
                >
                    {tr(|t| t.catalog.all_categories)}
                </button>
            </li>
            {tree.into_iter().map(|node| node_view(node, selected)).collect_view()}
        </ul>
    }
}

fn node_view(node: CategoryNode, selected: RwSignal<Option<String>>) -> AnyView {
    let i18n = use_i18n();
    let id = node.category.id.clone();
    let category = node.category;
    let pressed = {
        let id = id.clone();
        move || selected.with(|current| current.as_deref() == Some(id.as_str()))
    };
    let children = (!node.children.is_empty()).then(|| {
        view! {
            <ul>{node.children.into_iter().map(|child| node_view(child, selected)).collect_view()}</ul>
        }
    });
    view! {
        <li>
            <button
                type="button"
                class="category-button"
                data-category-id=id.clone()
                aria-pressed=move || if pressed() { "true" } else { "false" }
                on:click=move |_| selected.set(Some(id.clone()))
            >
                {move || category_name(&category, i18n.lang()).to_owned()}
            </button>
            {children}
        </li>
    }
    .into_any()
}

/// The category tree in a panel that folds away on a phone, loaded from `categories`.
#[component]
pub fn CategorySidebar(selected: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let categories = LocalResource::new(crate::api::catalog::categories);
    let open = !crate::components::catalog::toolbar::is_phone();
    let content = move || match categories.get() {
        None => view! { <TableSkeleton rows=6 columns=1 /> }.into_any(),
        Some(Err(error)) => view! {
            <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Some(Ok(list)) => view! { <CategoryTree categories=list selected /> }.into_any(),
    };
    view! {
        <aside class="catalog-sidebar">
            <details class="category-panel" open=open>
                <summary>{tr(|t| t.catalog.categories)}</summary>
                <nav aria-label=tr(|t| t.catalog.categories)>{content}</nav>
            </details>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(id: &str, parent: Option<&str>) -> Category {
        Category {
            id: id.to_owned(),
            parent_id: parent.map(str::to_owned),
            name_he: id.to_owned(),
            name_en: id.to_owned(),
        }
    }

    #[test]
    fn children_find_their_parents_in_any_order() {
        let list = [
            category("2", Some("1")),
            category("1", None),
            category("3", Some("2")),
            category("9", Some("404")),
        ];
        let tree = build_tree(&list);
        assert_eq!(tree.len(), 2);
        assert_eq!(tree[0].category.id, "1");
        assert_eq!(tree[0].children[0].children[0].category.id, "3");
        assert_eq!(tree[1].category.id, "9");
        let path: Vec<String> = path_to(&list, "3").into_iter().map(|c| c.id).collect();
        assert_eq!(path, ["1", "2", "3"]);
    }
}
